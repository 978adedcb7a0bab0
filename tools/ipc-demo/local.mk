## tools/ipc-demo/local.mk: not written yet (see its issue).
