## lib/replace/local.mk: not written yet (see its issue).
