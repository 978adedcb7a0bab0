## tools/ipc-demo/sync.mk: sync-demo (not written yet, see its issue).
