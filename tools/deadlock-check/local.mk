## tools/deadlock-check/local.mk: not written yet (see its issue).
