/* zr-record.h: the in-memory shape of one page and its records
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  ZR_RECORD_KIND_ARTICLE,
  ZR_RECORD_KIND_NOTICE,
  ZR_RECORD_KIND_FRAGMENT,
} ZrRecordKind;

typedef enum
{
  ZR_PARAGRAPH_KIND_BODY,
  ZR_PARAGRAPH_KIND_SUBHEAD,
  ZR_PARAGRAPH_KIND_CAPTION,
} ZrParagraphKind;

/* Every piece of text carries the character offset (not byte) of its first
 * character in the decoded page, so the page can be rebuilt in order and the
 * "nothing lost" invariant checked. -1 means "not present". */

typedef struct
{
  char *name;
  char *role;            /* 记者, 全媒体记者, 通讯员, 摄影, …; NULL when not printed */
} ZrByline;

typedef struct
{
  ZrParagraphKind  kind;
  char            *text;
  int              offset;
} ZrParagraph;

typedef struct
{
  char *text;
  int   offset;
} ZrPageMeta;

typedef struct
{
  ZrRecordKind  kind;
  char         *headline;
  int           headline_offset;
  char         *column;          /* column label, e.g. 今日醴陵, 石峰区 */
  int           column_offset;
  char         *kicker;          /* series line or second headline line */
  int           kicker_offset;
  char         *dateline;        /* 株洲日报讯 */
  int           dateline_offset;
  char         *byline_text;     /* the byline as printed, e.g. (全媒体记者/廖喜章) */
  int           byline_offset;
  GPtrArray    *bylines;         /* element-type ZrByline */
  GPtrArray    *paragraphs;      /* element-type ZrParagraph */
  char         *segmentation;    /* JSON object: why the head lines got their roles, or NULL */
} ZrRecord;

typedef struct
{
  GPtrArray *records;            /* element-type ZrRecord */
  GPtrArray *meta;               /* element-type ZrPageMeta: page labels, 责任编辑 lines */
} ZrPage;

const char     *zr_record_kind_to_string    (ZrRecordKind     kind);
gboolean        zr_record_kind_from_string  (const char      *str,
                                             ZrRecordKind    *kind);
const char     *zr_paragraph_kind_to_string (ZrParagraphKind  kind);
gboolean        zr_paragraph_kind_from_string (const char    *str,
                                               ZrParagraphKind *kind);

ZrByline       *zr_byline_new               (const char      *name,
                                             const char      *role);
void            zr_byline_free              (ZrByline        *byline);
ZrParagraph    *zr_paragraph_new            (ZrParagraphKind  kind,
                                             const char      *text,
                                             int              offset);
void            zr_paragraph_free           (ZrParagraph     *paragraph);
ZrPageMeta     *zr_page_meta_new            (const char      *text,
                                             int              offset);
void            zr_page_meta_free           (ZrPageMeta      *meta);
ZrRecord       *zr_record_new               (ZrRecordKind     kind);
void            zr_record_free              (ZrRecord        *record);
ZrPage         *zr_page_new                 (void);
void            zr_page_free                (ZrPage          *page);

/* All text of the record (headline, column, kicker, dateline, bylines,
 * paragraphs) in source order, joined by '\n'. */
char           *zr_record_dup_flat_text     (const ZrRecord  *record);
/* The body paragraphs joined by '\n'. */
char           *zr_record_dup_body_text     (const ZrRecord  *record);
/* Number of non-whitespace characters of the record's text. */
guint           zr_record_count_chars       (const ZrRecord  *record);
/* Records and metadata of the page, all pieces sorted by offset, joined. */
char           *zr_page_dup_flat_text       (const ZrPage    *page);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZrRecord, zr_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZrPage, zr_page_free)

G_END_DECLS
