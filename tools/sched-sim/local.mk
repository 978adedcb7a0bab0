## tools/sched-sim/local.mk: not written yet (see its issue).
