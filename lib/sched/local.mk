## lib/sched/local.mk: not written yet (see its issue).
