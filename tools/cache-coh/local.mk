## tools/cache-coh/local.mk: not written yet (see its issue).
