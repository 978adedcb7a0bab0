## lib/ipc/local.mk: not written yet (see its issue).
