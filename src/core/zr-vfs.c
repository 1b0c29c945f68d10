/* zr-vfs.c: SQLite file locking that no other descriptor of this process can drop
 *
 * SQLite's "unix" VFS locks the library with POSIX record locks (fcntl
 * F_SETLK). Those belong to the process, and the kernel drops every one of
 * them the moment the process closes ANY descriptor of the file: a GTK file
 * chooser reading the library's folder, a thumbnailer, a second connection
 * closing. Another program then sees nobody using the library, checkpoints,
 * deletes the -wal and -shm under the window's feet, and the window's next
 * write damages the file.
 *
 * This VFS keeps SQLite's "unix" VFS for all I/O but takes the locks itself
 * with Linux open file description locks (F_OFD_SETLK, Linux 3.15): they
 * belong to a descriptor this VFS opens for each connection and keeps to
 * itself, so closing any other descriptor never drops them. They conflict
 * with each other even inside one process, and with the classic POSIX locks
 * of other processes, so an ordinary `sqlite3` shell still excludes us and
 * we exclude it. The byte ranges are SQLite's own (os_unix.c): the main
 * database's PENDING, RESERVED and SHARED bytes, and the -shm file's dead-man
 * switch and eight WAL lock slots, with the same transitions.
 *
 * It also refuses to write to, checkpoint or clean up after a library whose
 * files are no longer the ones it opened (deleted, replaced, or its -shm
 * removed by a program that ignored the locks): writing there would lose the
 * data or damage the file now at that path. zr_vfs_check_file() reports it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define _GNU_SOURCE   /* F_OFD_SETLK, F_OFD_GETLK */

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "zr-vfs.h"

#ifdef F_OFD_SETLK

/* os_unix.c and os.h: where SQLite's locks live */
#define PENDING_BYTE   0x40000000
#define RESERVED_BYTE  (PENDING_BYTE + 1)
#define SHARED_FIRST   (PENDING_BYTE + 2)
#define SHARED_SIZE    510
#define SHM_BASE       ((22 + SQLITE_SHM_NLOCK) * 4)   /* 120: first WAL lock slot */
#define SHM_DMS        (SHM_BASE + SQLITE_SHM_NLOCK)   /* 128: dead-man switch */
#define WAL_CKPT_LOCK  1                               /* wal.c: after WAL_WRITE_LOCK 0 */

typedef struct
{
  sqlite3_file   base;
  sqlite3_file  *real;          /* the "unix" VFS's file, after this struct */
  const char    *path;          /* valid until xClose (SQLite's promise) */
  int            fd;            /* our own descriptor: the locks live on it */
  int            lock;          /* SQLITE_LOCK_* held */

  /* the -shm file (WAL index), one mapping per connection */
  char          *shm_path;
  int            shm_fd;
  gboolean       shm_readonly;
  gboolean       shm_unlocked;  /* read-only and not yet attached (CANTINIT) */
  int            shm_region_size;
  int            shm_n_regions;
  char         **shm_regions;
} ZrOfdFile;

#define REAL_OFFSET ((sizeof (ZrOfdFile) + 7) & ~(gsize) 7)

static sqlite3_vfs ofd_vfs;
static sqlite3_vfs *unix_vfs;
static const sqlite3_io_methods ofd_io_methods;

/* F_OFD_SETLK on [start, start+len) of @fd; 0 or errno */
static int
ofd_lock (int   fd,
          short type,
          off_t start,
          off_t len)
{
  struct flock lock = { 0 };

  lock.l_type = type;
  lock.l_whence = SEEK_SET;
  lock.l_start = start;
  lock.l_len = len;
  lock.l_pid = 0;   /* required for OFD locks */
  if (fcntl (fd, F_OFD_SETLK, &lock) == 0)
    return 0;
  return errno;
}

/* The lock type somebody else holds that conflicts with @type, or F_UNLCK;
 * -1 with errno on failure. Unlike F_GETLK this sees the locks of the other
 * connections of this process too. */
static int
ofd_test (int   fd,
          short type,
          off_t start,
          off_t len)
{
  struct flock lock = { 0 };

  lock.l_type = type;
  lock.l_whence = SEEK_SET;
  lock.l_start = start;
  lock.l_len = len;
  lock.l_pid = 0;
  if (fcntl (fd, F_OFD_GETLK, &lock) != 0)
    return -1;
  return lock.l_type;
}

/* os_unix.c's sqliteErrorFromPosixError() */
static int
lock_error (int err,
            int ioerr)
{
  switch (err)
    {
    case EACCES:
    case EAGAIN:
    case ETIMEDOUT:
    case EBUSY:
    case EINTR:
    case ENOLCK:
      return SQLITE_BUSY;
    case EPERM:
      return SQLITE_PERM;
    default:
      return ioerr;
    }
}

/* Whether @path still names the file open on @fd; *exists is FALSE when
 * it names nothing. An error other than "no such file" (a folder that
 * became unreadable) is taken as "still the same": nothing proves the
 * contrary. */
static gboolean
same_file (int         fd,
           const char *path,
           gboolean   *exists)
{
  struct stat open_st, path_st;

  *exists = TRUE;
  if (fstat (fd, &open_st) != 0)
    return TRUE;
  if (stat (path, &path_st) != 0)
    {
      if (errno == ENOENT || errno == ENOTDIR)
        {
          *exists = FALSE;
          return FALSE;
        }
      return TRUE;
    }
  return open_st.st_dev == path_st.st_dev && open_st.st_ino == path_st.st_ino;
}

static ZrVfsFileState
file_state (ZrOfdFile *self)
{
  gboolean exists;

  if (!same_file (self->fd, self->path, &exists))
    return exists ? ZR_VFS_FILE_REPLACED : ZR_VFS_FILE_DELETED;
  if (self->shm_fd >= 0 && !same_file (self->shm_fd, self->shm_path, &exists))
    return ZR_VFS_FILE_SHM_LOST;
  return ZR_VFS_FILE_OK;
}

/* Whether the write-ahead log at @wal_path is the one our index describes:
 * the salts of its header (bytes 16-23, changed at every restart of the
 * log) are those the index header holds (bytes 32-39, copied from it). */
static gboolean
wal_is_ours (ZrOfdFile  *self,
             const char *wal_path)
{
  guchar header[32];
  int fd;
  gboolean ours = FALSE;

  if (self->shm_n_regions == 0)
    return FALSE;
  fd = open (wal_path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0)
    return FALSE;
  if (pread (fd, header, sizeof header, 0) == sizeof header
      && header[0] == 0x37 && header[1] == 0x7f && header[2] == 0x06 && (header[3] & 0xfe) == 0x82)
    {
      guchar salts[8];

      memcpy (salts, (const guchar *) self->shm_regions[0] + 32, sizeof salts);
      ours = memcmp (salts, header + 16, sizeof salts) == 0;
    }
  close (fd);
  return ours;
}

/* Our database file is gone (deleted, or another file renamed over it).
 * Its -wal and -shm beside the path belong to a file nobody can open any
 * more: a library created or put at the same path must not attach to that
 * index or replay that log (it would read the old library's pages as its
 * own). Remove them, but only while they are still ours. */
static void
forget_files_of_lost_library (ZrOfdFile *self)
{
  g_autofree char *wal_path = NULL;
  gboolean exists;

  if (self->shm_fd < 0 || !same_file (self->shm_fd, self->shm_path, &exists) || !exists)
    return;
  wal_path = g_strconcat (self->path, "-wal", NULL);
  if (wal_is_ours (self, wal_path))
    unlink (wal_path);
  unlink (self->shm_path);
}

/* Before anything that writes to the library or cleans up beside it */
static int
check_unmoved (ZrOfdFile *self)
{
  ZrVfsFileState state = file_state (self);

  if (state == ZR_VFS_FILE_OK)
    return SQLITE_OK;
  if (state != ZR_VFS_FILE_SHM_LOST)
    forget_files_of_lost_library (self);
  sqlite3_log (SQLITE_READONLY_DBMOVED, "%s: %s", self->path,
               state == ZR_VFS_FILE_DELETED ? "deleted while open" :
               state == ZR_VFS_FILE_REPLACED ? "replaced while open" :
               "its -shm was removed while open");
  return SQLITE_READONLY_DBMOVED;
}

/* ---- the main database file ---- */

static void
shm_release (ZrOfdFile *self)
{
  long page = sysconf (_SC_PAGESIZE);
  int per_map = page > self->shm_region_size && self->shm_region_size > 0 ? page / self->shm_region_size : 1;

  for (int i = 0; i < self->shm_n_regions; i += per_map)
    munmap (self->shm_regions[i], (gsize) self->shm_region_size * per_map);
  g_clear_pointer (&self->shm_regions, g_free);
  self->shm_n_regions = 0;
  if (self->shm_fd >= 0)
    close (self->shm_fd);   /* drops the DMS and slot locks of this connection */
  self->shm_fd = -1;
  g_clear_pointer (&self->shm_path, g_free);
}

static int
ofd_close (sqlite3_file *file)
{
  ZrOfdFile *self = (ZrOfdFile *) file;
  int rc = SQLITE_OK;

  shm_release (self);
  if (self->real->pMethods != NULL)
    rc = self->real->pMethods->xClose (self->real);
  if (self->fd >= 0)
    close (self->fd);
  self->fd = -1;
  return rc;
}

static int
ofd_read (sqlite3_file  *file,
          void          *buf,
          int            amount,
          sqlite3_int64  offset)
{
  ZrOfdFile *self = (ZrOfdFile *) file;
  return self->real->pMethods->xRead (self->real, buf, amount, offset);
}

static int
ofd_write (sqlite3_file  *file,
           const void    *buf,
           int            amount,
           sqlite3_int64  offset)
{
  ZrOfdFile *self = (ZrOfdFile *) file;
  return self->real->pMethods->xWrite (self->real, buf, amount, offset);
}

static int
ofd_truncate (sqlite3_file  *file,
              sqlite3_int64  size)
{
  ZrOfdFile *self = (ZrOfdFile *) file;
  return self->real->pMethods->xTruncate (self->real, size);
}

static int
ofd_sync (sqlite3_file *file,
          int           flags)
{
  ZrOfdFile *self = (ZrOfdFile *) file;
  return self->real->pMethods->xSync (self->real, flags);
}

static int
ofd_file_size (sqlite3_file  *file,
               sqlite3_int64 *size)
{
  ZrOfdFile *self = (ZrOfdFile *) file;
  return self->real->pMethods->xFileSize (self->real, size);
}

/* os_unix.c's unixLock(), one connection per descriptor: the kernel does
 * what unixInodeInfo does there for the connections of one process. */
static int
ofd_xlock (sqlite3_file *file,
           int           level)
{
  ZrOfdFile *self = (ZrOfdFile *) file;
  int err;
  int rc = SQLITE_OK;

  if (self->lock >= level)
    return SQLITE_OK;

  g_assert (self->lock != SQLITE_LOCK_NONE || level == SQLITE_LOCK_SHARED);
  g_assert (level != SQLITE_LOCK_PENDING);
  g_assert (level != SQLITE_LOCK_RESERVED || self->lock == SQLITE_LOCK_SHARED);

  /* Writing (rollback journal mode) or, in WAL mode, checkpointing and
   * deleting the log at close: never for files that are not ours any more */
  if (level > SQLITE_LOCK_SHARED)
    {
      rc = check_unmoved (self);
      if (rc != SQLITE_OK)
        return rc;
    }

  /* PENDING before SHARED (dropped again) and before EXCLUSIVE (kept) */
  if (level == SQLITE_LOCK_SHARED
      || (level == SQLITE_LOCK_EXCLUSIVE && self->lock < SQLITE_LOCK_PENDING))
    {
      err = ofd_lock (self->fd, level == SQLITE_LOCK_SHARED ? F_RDLCK : F_WRLCK, PENDING_BYTE, 1);
      if (err != 0)
        return lock_error (err, SQLITE_IOERR_LOCK);
      if (level == SQLITE_LOCK_EXCLUSIVE)
        self->lock = SQLITE_LOCK_PENDING;
    }

  if (level == SQLITE_LOCK_SHARED)
    {
      err = ofd_lock (self->fd, F_RDLCK, SHARED_FIRST, SHARED_SIZE);
      if (err != 0)
        rc = lock_error (err, SQLITE_IOERR_LOCK);
      if (ofd_lock (self->fd, F_UNLCK, PENDING_BYTE, 1) != 0 && rc == SQLITE_OK)
        rc = SQLITE_IOERR_UNLOCK;
      if (rc != SQLITE_OK)
        return rc;
    }
  else
    {
      g_assert (self->lock != SQLITE_LOCK_NONE);
      if (level == SQLITE_LOCK_RESERVED)
        err = ofd_lock (self->fd, F_WRLCK, RESERVED_BYTE, 1);
      else
        err = ofd_lock (self->fd, F_WRLCK, SHARED_FIRST, SHARED_SIZE);
      if (err != 0)
        return lock_error (err, SQLITE_IOERR_LOCK);   /* EXCLUSIVE stays PENDING */
    }

  self->lock = level;
  return SQLITE_OK;
}

/* os_unix.c's posixUnlock() */
static int
ofd_xunlock (sqlite3_file *file,
             int           level)
{
  ZrOfdFile *self = (ZrOfdFile *) file;

  g_assert (level <= SQLITE_LOCK_SHARED);
  if (self->lock <= level)
    return SQLITE_OK;

  if (self->lock > SQLITE_LOCK_SHARED)
    {
      if (level == SQLITE_LOCK_SHARED
          && ofd_lock (self->fd, F_RDLCK, SHARED_FIRST, SHARED_SIZE) != 0)
        return SQLITE_IOERR_RDLOCK;   /* someone broke the protocol */
      if (ofd_lock (self->fd, F_UNLCK, PENDING_BYTE, 2) != 0)   /* PENDING and RESERVED */
        return SQLITE_IOERR_UNLOCK;
      self->lock = SQLITE_LOCK_SHARED;
    }
  if (level == SQLITE_LOCK_NONE)
    {
      if (ofd_lock (self->fd, F_UNLCK, 0, 0) != 0)
        {
          self->lock = SQLITE_LOCK_NONE;
          return SQLITE_IOERR_UNLOCK;
        }
    }
  self->lock = level;
  return SQLITE_OK;
}

static int
ofd_check_reserved_lock (sqlite3_file *file,
                         int          *reserved)
{
  ZrOfdFile *self = (ZrOfdFile *) file;
  int type;

  if (self->lock > SQLITE_LOCK_SHARED)
    {
      *reserved = 1;
      return SQLITE_OK;
    }
  type = ofd_test (self->fd, F_WRLCK, RESERVED_BYTE, 1);
  if (type < 0)
    return SQLITE_IOERR_CHECKRESERVEDLOCK;
  *reserved = type != F_UNLCK;
  return SQLITE_OK;
}

static int
ofd_file_control (sqlite3_file *file,
                  int           op,
                  void         *arg)
{
  ZrOfdFile *self = (ZrOfdFile *) file;

  switch (op)
    {
    case SQLITE_FCNTL_LOCKSTATE:
      *(int *) arg = self->lock;
      return SQLITE_OK;
    case SQLITE_FCNTL_EXTERNAL_READER:
      return SQLITE_NOTFOUND;   /* "unix" would answer for its own index, not ours */
    case SQLITE_FCNTL_HAS_MOVED:
      *(int *) arg = file_state (self) != ZR_VFS_FILE_OK;
      return SQLITE_OK;
    case SQLITE_FCNTL_VFSNAME:
      {
        char **name = arg;
        char *inner = *name;

        *name = sqlite3_mprintf ("%s/%s", ofd_vfs.zName, inner != NULL ? inner : unix_vfs->zName);
        sqlite3_free (inner);
        return SQLITE_OK;
      }
    default:
      return self->real->pMethods->xFileControl (self->real, op, arg);
    }
}

static int
ofd_sector_size (sqlite3_file *file)
{
  ZrOfdFile *self = (ZrOfdFile *) file;
  return self->real->pMethods->xSectorSize (self->real);
}

static int
ofd_device_characteristics (sqlite3_file *file)
{
  ZrOfdFile *self = (ZrOfdFile *) file;
  return self->real->pMethods->xDeviceCharacteristics (self->real);
}

/* ---- the -shm file: os_unix.c's unixOpenSharedMemory() and friends ---- */

/* os_unix.c's unixLockSharedMemory(): the first connection to attach
 * truncates the index (a crashed writer may have left it half written);
 * everybody then holds the dead-man switch shared while attached. */
static int
shm_attach (ZrOfdFile *self)
{
  int type = ofd_test (self->shm_fd, F_WRLCK, SHM_DMS, 1);
  int rc = SQLITE_OK;

  if (type < 0)
    return SQLITE_IOERR_LOCK;
  if (type == F_UNLCK)
    {
      int err;

      if (self->shm_readonly)
        {
          self->shm_unlocked = TRUE;
          return SQLITE_READONLY_CANTINIT;
        }
      err = ofd_lock (self->shm_fd, F_WRLCK, SHM_DMS, 1);
      if (err != 0)
        return lock_error (err, SQLITE_IOERR_LOCK);
      /* 3 bytes, not 0, as SQLite does: a debugging aid */
      if (ftruncate (self->shm_fd, 3) != 0)
        rc = SQLITE_IOERR_SHMOPEN;
    }
  else if (type == F_WRLCK)
    return SQLITE_BUSY;

  if (rc == SQLITE_OK)
    {
      int err = ofd_lock (self->shm_fd, F_RDLCK, SHM_DMS, 1);
      if (err != 0)
        rc = lock_error (err, SQLITE_IOERR_LOCK);
    }
  return rc;
}

static int
shm_open_file (ZrOfdFile *self)
{
  struct stat db_st;
  int rc;

  if (fstat (self->fd, &db_st) != 0)
    return SQLITE_IOERR_FSTAT;

  self->shm_path = g_strconcat (self->path, "-shm", NULL);
  if (!sqlite3_uri_boolean (self->path, "readonly_shm", 0))
    self->shm_fd = open (self->shm_path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, db_st.st_mode & 0777);
  if (self->shm_fd < 0)
    {
      self->shm_fd = open (self->shm_path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
      if (self->shm_fd < 0)
        {
          g_clear_pointer (&self->shm_path, g_free);
          return SQLITE_CANTOPEN;
        }
      self->shm_readonly = TRUE;
    }
  else
    {
      struct stat st;

      /* a new file gets the database's permissions whatever the umask, and
       * its owner when we run as root, so the owner can still open it */
      if (fstat (self->shm_fd, &st) == 0 && st.st_size == 0 && (st.st_mode & 0777) != (db_st.st_mode & 0777))
        fchmod (self->shm_fd, db_st.st_mode & 0777);
      if (geteuid () == 0 && fchown (self->shm_fd, db_st.st_uid, db_st.st_gid) != 0)
        { /* as SQLite: not fatal */ }
    }

  rc = shm_attach (self);
  if (rc != SQLITE_OK && rc != SQLITE_READONLY_CANTINIT)
    {
      shm_release (self);
      return rc;
    }
  return rc;
}

static int
ofd_shm_map (sqlite3_file       *file,
             int                 region,
             int                 region_size,
             int                 extend,
             void volatile     **out)
{
  ZrOfdFile *self = (ZrOfdFile *) file;
  long page = sysconf (_SC_PAGESIZE);
  int per_map = page > region_size ? page / region_size : 1;
  int wanted = ((region + per_map) / per_map) * per_map;
  int rc = SQLITE_OK;

  *out = NULL;
  if (self->shm_fd < 0)
    {
      rc = shm_open_file (self);
      if (rc != SQLITE_OK)
        return rc;   /* SQLITE_READONLY_CANTINIT included: wal.c copes */
    }
  else if (self->shm_unlocked)
    {
      rc = shm_attach (self);
      if (rc != SQLITE_OK)
        return rc;
      self->shm_unlocked = FALSE;
    }

  g_assert (self->shm_region_size == 0 || self->shm_region_size == region_size);
  self->shm_region_size = region_size;

  if (self->shm_n_regions < wanted)
    {
      gsize needed = (gsize) wanted * region_size;
      struct stat st;

      if (fstat (self->shm_fd, &st) != 0)
        return SQLITE_IOERR_SHMSIZE;
      if ((gsize) st.st_size < needed)
        {
          if (!extend)
            goto out;
          /* one byte at the end of each new 4 KiB page: the pages get
           * allocated now, not as a SIGBUS later on a full disk */
          for (gsize pg = st.st_size / 4096; pg < needed / 4096; pg++)
            if (pwrite (self->shm_fd, "", 1, pg * 4096 + 4095) != 1)
              return SQLITE_IOERR_SHMSIZE;
        }

      self->shm_regions = g_renew (char *, self->shm_regions, wanted);
      while (self->shm_n_regions < wanted)
        {
          gsize size = (gsize) region_size * per_map;
          void *mem = mmap (NULL, size,
                            self->shm_readonly ? PROT_READ : PROT_READ | PROT_WRITE,
                            MAP_SHARED, self->shm_fd,
                            (off_t) region_size * self->shm_n_regions);

          if (mem == MAP_FAILED)
            return SQLITE_IOERR_SHMMAP;
          for (int i = 0; i < per_map; i++)
            self->shm_regions[self->shm_n_regions + i] = (char *) mem + (gsize) region_size * i;
          self->shm_n_regions += per_map;
        }
    }

out:
  if (self->shm_n_regions > region)
    *out = self->shm_regions[region];
  if (self->shm_readonly && rc == SQLITE_OK)
    rc = SQLITE_READONLY;
  return rc;
}

static int
ofd_shm_lock (sqlite3_file *file,
              int           offset,
              int           n,
              int           flags)
{
  ZrOfdFile *self = (ZrOfdFile *) file;
  short type;
  int err;

  g_assert (offset >= 0 && n >= 1 && offset + n <= SQLITE_SHM_NLOCK);
  if (self->shm_fd < 0)
    return SQLITE_IOERR_SHMLOCK;

  if (flags & SQLITE_SHM_UNLOCK)
    type = F_UNLCK;
  else if (flags & SQLITE_SHM_SHARED)
    type = F_RDLCK;
  else
    {
      /* The write lock (slot 0) and the checkpoint lock (slot 1): only on
       * the files this connection opened. The other slots (recovery, read
       * marks) only change the index in memory: reads go on. */
      if (offset <= WAL_CKPT_LOCK)
        {
          int rc = check_unmoved (self);
          if (rc != SQLITE_OK)
            return rc;
        }
      type = F_WRLCK;
    }

  err = ofd_lock (self->shm_fd, type, SHM_BASE + offset, n);
  if (err != 0)
    return type == F_UNLCK ? SQLITE_IOERR_SHMLOCK : lock_error (err, SQLITE_IOERR_SHMLOCK);
  return SQLITE_OK;
}

static void
ofd_shm_barrier (sqlite3_file *file)
{
  __sync_synchronize ();
}

static int
ofd_shm_unmap (sqlite3_file *file,
               int           delete_flag)
{
  ZrOfdFile *self = (ZrOfdFile *) file;

  /* SQLite asks for the deletion only when it held the database EXCLUSIVE,
   * i.e. nobody else had it open; still, never remove another file */
  if (delete_flag && self->shm_fd >= 0)
    {
      gboolean exists;
      if (same_file (self->shm_fd, self->shm_path, &exists) && exists)
        unlink (self->shm_path);
    }
  shm_release (self);
  return SQLITE_OK;
}

static int
ofd_fetch (sqlite3_file   *file,
           sqlite3_int64   offset,
           int             amount,
           void          **out)
{
  ZrOfdFile *self = (ZrOfdFile *) file;
  return self->real->pMethods->xFetch (self->real, offset, amount, out);
}

static int
ofd_unfetch (sqlite3_file  *file,
             sqlite3_int64  offset,
             void          *p)
{
  ZrOfdFile *self = (ZrOfdFile *) file;
  return self->real->pMethods->xUnfetch (self->real, offset, p);
}

static const sqlite3_io_methods ofd_io_methods = {
  3,
  ofd_close,
  ofd_read,
  ofd_write,
  ofd_truncate,
  ofd_sync,
  ofd_file_size,
  ofd_xlock,
  ofd_xunlock,
  ofd_check_reserved_lock,
  ofd_file_control,
  ofd_sector_size,
  ofd_device_characteristics,
  ofd_shm_map,
  ofd_shm_lock,
  ofd_shm_barrier,
  ofd_shm_unmap,
  ofd_fetch,
  ofd_unfetch,
};

/* ---- the VFS ---- */

static int
ofd_open (sqlite3_vfs  *vfs,
          const char   *name,
          sqlite3_file *file,
          int           flags,
          int          *out_flags)
{
  ZrOfdFile *self = (ZrOfdFile *) file;
  int real_flags = 0;
  int rc;

  /* Journals, logs and temporary files take no locks: "unix" itself */
  if (!(flags & SQLITE_OPEN_MAIN_DB) || name == NULL)
    return unix_vfs->xOpen (unix_vfs, name, file, flags, out_flags);

  memset (self, 0, sizeof *self);
  self->fd = -1;
  self->shm_fd = -1;
  self->path = name;
  self->real = (sqlite3_file *) ((char *) file + REAL_OFFSET);

  rc = unix_vfs->xOpen (unix_vfs, name, self->real, flags, &real_flags);
  if (rc != SQLITE_OK)
    {
      if (self->real->pMethods != NULL)
        self->real->pMethods->xClose (self->real);
      file->pMethods = NULL;
      return rc;
    }

  self->fd = open (name, ((real_flags & SQLITE_OPEN_READONLY) ? O_RDONLY : O_RDWR) | O_CLOEXEC);
  if (self->fd < 0)
    {
      self->real->pMethods->xClose (self->real);
      file->pMethods = NULL;
      return SQLITE_CANTOPEN;
    }

  if (out_flags != NULL)
    *out_flags = real_flags;
  file->pMethods = &ofd_io_methods;
  return SQLITE_OK;
}

static int
ofd_delete (sqlite3_vfs *vfs,
            const char  *name,
            int          sync_dir)
{
  return unix_vfs->xDelete (unix_vfs, name, sync_dir);
}

static int
ofd_access (sqlite3_vfs *vfs,
            const char  *name,
            int          flags,
            int         *result)
{
  return unix_vfs->xAccess (unix_vfs, name, flags, result);
}

static int
ofd_full_pathname (sqlite3_vfs *vfs,
                   const char  *name,
                   int          n_out,
                   char        *out)
{
  return unix_vfs->xFullPathname (unix_vfs, name, n_out, out);
}

static void *
ofd_dl_open (sqlite3_vfs *vfs,
             const char  *name)
{
  return unix_vfs->xDlOpen (unix_vfs, name);
}

static void
ofd_dl_error (sqlite3_vfs *vfs,
              int          n,
              char        *out)
{
  unix_vfs->xDlError (unix_vfs, n, out);
}

static void
(*ofd_dl_sym (sqlite3_vfs *vfs,
              void        *handle,
              const char  *symbol)) (void)
{
  return unix_vfs->xDlSym (unix_vfs, handle, symbol);
}

static void
ofd_dl_close (sqlite3_vfs *vfs,
              void        *handle)
{
  unix_vfs->xDlClose (unix_vfs, handle);
}

static int
ofd_randomness (sqlite3_vfs *vfs,
                int          n,
                char        *out)
{
  return unix_vfs->xRandomness (unix_vfs, n, out);
}

static int
ofd_sleep (sqlite3_vfs *vfs,
           int          microseconds)
{
  return unix_vfs->xSleep (unix_vfs, microseconds);
}

static int
ofd_current_time (sqlite3_vfs *vfs,
                  double      *out)
{
  return unix_vfs->xCurrentTime (unix_vfs, out);
}

static int
ofd_get_last_error (sqlite3_vfs *vfs,
                    int          n,
                    char        *out)
{
  return unix_vfs->xGetLastError (unix_vfs, n, out);
}

static int
ofd_current_time_int64 (sqlite3_vfs   *vfs,
                        sqlite3_int64 *out)
{
  return unix_vfs->xCurrentTimeInt64 (unix_vfs, out);
}

/* Whether this kernel has open file description locks (Linux 3.15) */
static gboolean
ofd_supported (void)
{
  g_autofree char *tmpl = g_build_filename (g_get_tmp_dir (), "zr-vfs-probe-XXXXXX", NULL);
  int fd = g_mkstemp (tmpl);
  gboolean ok;

  if (fd < 0)
    return TRUE;   /* cannot tell here: the first lock will say */
  unlink (tmpl);
  ok = ofd_test (fd, F_WRLCK, 0, 1) == F_UNLCK;
  close (fd);
  return ok;
}

static gsize
register_once (void)
{
  unix_vfs = sqlite3_vfs_find ("unix");
  if (unix_vfs == NULL || unix_vfs->iVersion < 2 || !ofd_supported ())
    return 0;

  ofd_vfs.iVersion = 2;
  ofd_vfs.szOsFile = (int) REAL_OFFSET + unix_vfs->szOsFile;
  ofd_vfs.mxPathname = unix_vfs->mxPathname;
  ofd_vfs.zName = ZR_VFS_NAME;
  ofd_vfs.xOpen = ofd_open;
  ofd_vfs.xDelete = ofd_delete;
  ofd_vfs.xAccess = ofd_access;
  ofd_vfs.xFullPathname = ofd_full_pathname;
  ofd_vfs.xDlOpen = ofd_dl_open;
  ofd_vfs.xDlError = ofd_dl_error;
  ofd_vfs.xDlSym = ofd_dl_sym;
  ofd_vfs.xDlClose = ofd_dl_close;
  ofd_vfs.xRandomness = ofd_randomness;
  ofd_vfs.xSleep = ofd_sleep;
  ofd_vfs.xCurrentTime = ofd_current_time;
  ofd_vfs.xGetLastError = ofd_get_last_error;
  ofd_vfs.xCurrentTimeInt64 = ofd_current_time_int64;

  if (sqlite3_vfs_register (&ofd_vfs, 1) != SQLITE_OK)
    return 0;
  return 1;
}

const char *
zr_vfs_register (void)
{
  static gsize registered = 0;

  if (g_once_init_enter (&registered))
    g_once_init_leave (&registered, register_once () + 1);
  return registered == 2 ? ZR_VFS_NAME : NULL;
}

ZrVfsFileState
zr_vfs_check_file (sqlite3 *db)
{
  sqlite3_file *file = NULL;
  ZrVfsFileState state;

  g_return_val_if_fail (db != NULL, ZR_VFS_FILE_OK);

  if (sqlite3_file_control (db, "main", SQLITE_FCNTL_FILE_POINTER, &file) != SQLITE_OK
      || file == NULL || file->pMethods != &ofd_io_methods)
    return ZR_VFS_FILE_OK;
  state = file_state ((ZrOfdFile *) file);
  if (state == ZR_VFS_FILE_DELETED || state == ZR_VFS_FILE_REPLACED)
    forget_files_of_lost_library ((ZrOfdFile *) file);
  return state;
}

#else /* !F_OFD_SETLK */

const char *
zr_vfs_register (void)
{
  return NULL;
}

ZrVfsFileState
zr_vfs_check_file (sqlite3 *db)
{
  return ZR_VFS_FILE_OK;
}

#endif
