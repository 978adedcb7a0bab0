/* ipc-int.h: helpers the mechanism files share (not installed). */
#ifndef OSC_IPC_INT_H
#define OSC_IPC_INT_H

#include <stddef.h>
#include <sys/types.h>

#include <osconcepts/ipc.h>

/* Write or read exactly len bytes on a blocking descriptor, retrying
 * short transfers and harmless interruptions: 0, EPIPE when the peer is
 * gone (end of file), ETIMEDOUT/ECHILD from osc_ipc_interrupted, or an
 * errno value. */
int ipc_write_all(int fd, const void *buf, size_t len);
int ipc_read_all(int fd, void *buf, size_t len);
/* One datagram of exactly len bytes (EPROTO for another size). */
int ipc_send_dgram(int fd, const void *buf, size_t len);
int ipc_recv_dgram(int fd, void *buf, size_t len);
/* What an interrupted wait means: 0 to retry, else the error. */
int ipc_eintr(void);
/* Close *fd if open and mark it closed. */
void ipc_close_fd(int *fd);
/* Fill err for a failed creation: OSC_EUNAVAIL for ENOSYS, EPERM,
 * EACCES, ENOENT (no mqueue support), else OSC_EOS. */
int ipc_fail(struct osc_error *err, int e, const char *what);
/* Fill err for a failed attach. */
int ipc_fail_attach(struct osc_error *err, int e, const char *what);
/* A SysV key from the pid and a random suffix; the caller retries with
 * the next attempt on EEXIST. */
key_t ipc_sysv_key(int attempt);

#endif
