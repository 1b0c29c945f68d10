/* zr-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "zr-error.h"

G_DEFINE_QUARK (zr-database-error-quark, zr_database_error)
G_DEFINE_QUARK (zr-import-error-quark, zr_import_error)
G_DEFINE_QUARK (zr-data-error-quark, zr_data_error)
