/* zr-error.h: error domains of the core library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ZR_DATABASE_ERROR (zr_database_error_quark ())
#define ZR_IMPORT_ERROR   (zr_import_error_quark ())
#define ZR_DATA_ERROR     (zr_data_error_quark ())

typedef enum
{
  ZR_DATABASE_ERROR_FAILED,
  ZR_DATABASE_ERROR_DAMAGED,      /* SQLite said so: SQLITE_CORRUPT, SQLITE_NOTADB or a failed integrity check */
  ZR_DATABASE_ERROR_TOO_NEW,      /* schema from a newer version of the app */
  ZR_DATABASE_ERROR_BUSY,
  ZR_DATABASE_ERROR_FULL,         /* disk or page limit reached */
  ZR_DATABASE_ERROR_NOT_FOUND,
  ZR_DATABASE_ERROR_MOVED,        /* the open file was deleted or replaced, or its -shm removed */
  ZR_DATABASE_ERROR_NOT_LIBRARY,  /* another program's database: refused, left untouched */
  ZR_DATABASE_ERROR_STALE_LOG,    /* a write-ahead log beside the file that is not its own */
  ZR_DATABASE_ERROR_READ_ONLY,    /* the file or its folder cannot be written */
} ZrDatabaseError;

typedef enum
{
  ZR_IMPORT_ERROR_FAILED,
  ZR_IMPORT_ERROR_UNREADABLE,     /* could not open or read the file */
  ZR_IMPORT_ERROR_EMPTY,          /* nothing but white space */
  ZR_IMPORT_ERROR_BINARY,         /* looks like an image, archive, … */
  ZR_IMPORT_ERROR_UNDECODABLE,    /* no supported encoding fits */
  ZR_IMPORT_ERROR_TOO_LARGE,
  ZR_IMPORT_ERROR_NOT_SUPPORTED,  /* not a .txt/.md file, a device, … */
  ZR_IMPORT_ERROR_CANCELLED,
} ZrImportError;

typedef enum
{
  ZR_DATA_ERROR_INVALID,          /* a data file (gazetteer, lexicon, clippings JSON) is malformed */
} ZrDataError;

GQuark zr_database_error_quark (void);
GQuark zr_import_error_quark   (void);
GQuark zr_data_error_quark     (void);

G_END_DECLS
