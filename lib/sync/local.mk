## lib/sync/local.mk: not written yet (see its issue).
