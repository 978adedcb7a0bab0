## tools/page-replay/local.mk: not written yet (see its issue).
