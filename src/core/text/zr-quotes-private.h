/* zr-quotes-private.h: what the quote finder's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <string.h>

#include "zr-quotes.h"

G_BEGIN_DECLS

#define MAX_SEGMENT 32      /* longest speaker phrase looked at, in characters */
#define CONTEXT     64      /* characters of context taken around a quote */

typedef struct
{
  gunichar *c;
  glong     n;
} Word;

/* One slot of a word list's index: the words whose first (or last) character
 * is @key, as a run of indices into the list's words, longest first. An empty
 * slot has key 0 and count 0, so looking up U+0000 finds no word. */
typedef struct
{
  gunichar key;      /* 0: empty slot */
  guint16  start;    /* into WordIndex.order */
  guint16  count;
} IndexSlot;

/* Open-addressing table from a character to the words starting (or ending)
 * with it, so that a lookup touches only the few words that can match. */
typedef struct
{
  IndexSlot *slots;
  guint      mask;
  guint16   *order;  /* word indices grouped by key, longest first in a group */
} WordIndex;

typedef struct
{
  Word      *w;      /* longest first */
  guint      n;
  WordIndex  by_first;
  WordIndex  by_last;
} WordList;

typedef struct
{
  WordList   *verbs;
  WordList   *before_verbs;
  WordList   *wish_verbs;
  WordList   *tail_stops;
  WordList   *lead_strips;
  WordList   *role_suffixes;
  WordList   *descriptions;
  WordList   *honorifics;
  WordList   *mention_honorifics;
  WordList   *slogan_after;
  WordList   *slogan_before;
  WordList   *voice_heads;
  WordList   *compound_surnames;
  WordList   *org_words;
  WordList   *employment_words;
  WordList   *female_words;
  WordList   *male_words;
  guint8     *flags;         /* CHAR_* bits of each character of the BMP */
} Lexicon;

/* Bits of Lexicon.flags. Every character of the lists is in the BMP. */
enum
{
  CHAR_SURNAME        = 1 << 0,  /* common_surnames */
  CHAR_COMPOUND_FIRST = 1 << 1,  /* first character of a compound surname */
  CHAR_NOT_NAME       = 1 << 2,  /* not_name_chars */
  CHAR_PERSON_END     = 1 << 3,  /* person_end_chars */
  CHAR_FUNCTION       = 1 << 4,  /* function_chars */
  CHAR_FEMALE         = 1 << 5,  /* female_name_chars */
  CHAR_PERSON_STRONG  = 1 << 6,  /* person_end_strong_chars */
  CHAR_GIVEN_ALSO     = 1 << 7,  /* given_name_also_chars */
};

typedef enum
{
  PERSON_NONE,
  PERSON_NAME,          /* 康久清, 袁女士 */
  PERSON_DESCRIPTION,   /* 市民, 该负责人 */
  PERSON_PRONOUN,       /* 他, 她: resolve to the last named person */
  PERSON_FIRST,         /* 我, 我们: the writer; speaker unknown */
} PersonKind;

typedef enum
{
  GENDER_UNKNOWN,
  GENDER_MALE,
  GENDER_FEMALE,
} Gender;

typedef struct
{
  PersonKind  kind;
  Gender      gender;    /* of a pronoun (他, 她), or told by the phrase */
  gboolean    bare;      /* a name alone, nothing before it telling who it is */
  char       *speaker;
  char       *role;
} Person;

#define MAX_KNOWN_NAME 6   /* longest name remembered, in characters */

typedef struct
{
  const ZrRecord *record;
  guint           n;
  gunichar      **par;
  glong          *len;
  GHashTable     *roles;                /* name → role, from mentions and attributions */
  GHashTable     *genders;              /* name → Gender, when a mention told it */
  char           *last_name;            /* last named person, for 他/她 */
  char           *last[3];              /* last named person of each Gender */
  guint           last_seq[3];          /* when each was named (0: never) */
  char           *last_description;     /* last speaker described, not named (一位店主), for 他 */
  guint           last_description_seq;
  GHashTable     *described;            /* title word → the last phrase it ended, for 该负责人 */
  guint           seq;
  GHashTable     *known;                /* every person named so far (a set of names) */
  guint           known_lengths;        /* bit n set: a name of n characters is known */
  gboolean        in_voice;             /* under a 【声音】 heading */
  GPtrArray      *out;
  guint64         steps;                /* characters looked at, for _zr_quotes_extract_counted() */
} Reader;

/* How a speaker was found next to a quote, the surest first: the higher the
 * cue, the more it counts when the two sides disagree. */
typedef enum
{
  CUE_NONE,
  CUE_NEXT_SUBJECT,       /* “…”傍晚，民警罗某就…: the subject of the next sentence */
  CUE_PREVIOUS_SUBJECT,   /* 甘某今年八十岁。“…”: the subject of the sentence before */
  CUE_PREVIOUS_SENTENCE,  /* X介绍，…。“…”: the sentence before attributes words */
  CUE_LATER_CLAUSE,       /* “…”在一家档口，一位店主一边打包一边说 */
  CUE_SAME_SENTENCE,      /* X强调，…，“…”: an earlier clause of the sentence */
  CUE_AFTER_MARKS,        /* “…”X说 */
  CUE_NEXT_TO_MARKS,      /* X说：“…” */
} Cue;

typedef struct
{
  gboolean    evidence;      /* a speech verb or a colon stands next to the marks */
  Cue         cue;           /* how who was found */
  gboolean    slogan;        /* 题为“…”, “…”横幅 */
  gboolean    first_person;  /* 我说：“…” */
  Person      who;
} Side;

static inline gboolean
is_han (gunichar c)
{
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x2FA1F);
}

static inline gboolean
is_sentence_end (gunichar c)
{
  return c == 0x3002 /* 。 */ || c == 0xFF01 /* ！ */ || c == 0xFF1F /* ？ */ ||
         c == '!' || c == '?';
}

static inline gboolean
is_ellipsis (gunichar c)
{
  return c == 0x2026 || c == 0x22EF;
}

static inline gboolean
is_comma (gunichar c)
{
  return c == 0xFF0C || c == ',' || c == 0xFF1B || c == ';';
}

static inline gboolean
is_colon (gunichar c)
{
  return c == 0xFF1A || c == ':';
}

static inline gboolean
is_open_mark (gunichar c)
{
  return c == 0x201C || c == 0x300C || c == 0x300E;
}

static inline gboolean
is_close_mark (gunichar c)
{
  return c == 0x201D || c == 0x300D || c == 0x300F;
}

/* Ends a clause for the purpose of finding who spoke. */
static inline gboolean
is_boundary (gunichar c)
{
  return is_sentence_end (c) || is_comma (c) || is_colon (c) || is_open_mark (c) ||
         is_close_mark (c) || is_ellipsis (c) || c == '"' || c == 0x2018 || c == 0x2019 ||
         c == 0xFF08 || c == 0xFF09 || c == '(' || c == ')' || c == 0x3010 || c == 0x3011 ||
         c == 0x300A || c == 0x300B || c == '\n' || c == 0x2014;
}

static inline gboolean
is_space (gunichar c)
{
  return g_unichar_isspace (c) || c == 0x3000;
}

static inline guint8
char_flags (const Lexicon *lx,
            gunichar       c)
{
  return c < 0x10000 ? lx->flags[c] : 0;
}

/* FALSE when no surname starts with @c: the quick test of a scan. */
static inline gboolean
may_be_surname (const Lexicon *lx,
                gunichar       c)
{
  return (char_flags (lx, c) & (CHAR_SURNAME | CHAR_COMPOUND_FIRST)) != 0;
}


/* zr-quotes-lexicon.c */
const Word    *_zr_quotes_word_list_suffix (const WordList *wl,
                                            const gunichar *s,
                                            glong           min,
                                            glong           end);
const Word    *_zr_quotes_word_list_prefix (const WordList *wl,
                                            const gunichar *s,
                                            glong           pos,
                                            glong           end);
gboolean       _zr_quotes_is_surname_at    (const gunichar *s,
                                            glong           pos,
                                            glong           end,
                                            glong          *out_len);
gboolean       _zr_quotes_ucs4_has         (const gunichar *s,
                                            glong           a,
                                            glong           b,
                                            gunichar        c);
char          *_zr_quotes_ucs4_dup         (const gunichar *s,
                                            glong           a,
                                            glong           b);
gboolean       _zr_quotes_is_name          (const gunichar *s,
                                            glong           a,
                                            glong           b);
gboolean       _zr_quotes_is_name_before   (const gunichar *s,
                                            glong           a,
                                            glong           b,
                                            glong           to);
const Lexicon *_zr_quotes_lexicon          (void);

/* zr-quotes-person.c */
gboolean   _zr_quotes_is_counted_person (const gunichar *s,
                                         glong           a,
                                         glong           b);
gboolean   _zr_quotes_is_person_noun    (const gunichar *s,
                                         glong           a,
                                         glong           b);
void       _zr_quotes_person_clear      (Person *p);
PersonKind _zr_quotes_parse_person      (const gunichar *s,
                                         glong           a,
                                         glong           b,
                                         Person         *out);
Gender     _zr_quotes_guess_gender      (const gunichar *s,
                                         glong           a,
                                         glong           name_start,
                                         glong           b);
int        _zr_quotes_prefix_kind       (const gunichar *s,
                                         glong           a,
                                         glong           b);
PersonKind _zr_quotes_name_person       (const gunichar *s,
                                         glong           a,
                                         glong           name_start,
                                         glong           b,
                                         gboolean        with_role,
                                         Person         *out);

/* zr-quotes-mentions.c */
void        _zr_quotes_reader_finish_person (Reader *r,
                                             Person *p);
void        _zr_quotes_reader_scan_mentions (Reader         *r,
                                             const gunichar *s,
                                             glong           from,
                                             glong           to);
PersonKind  _zr_quotes_reader_parse_lead    (Reader         *r,
                                             const gunichar *s,
                                             glong           a,
                                             glong           b,
                                             Person         *out);
gunichar   *_zr_quotes_reader_before        (Reader *r,
                                             guint   pi,
                                             glong   pos,
                                             glong  *out_len);
gunichar   *_zr_quotes_reader_after         (Reader *r,
                                             guint   pi,
                                             glong   pos,
                                             glong  *out_len);

/* zr-quotes-attribution.c */
gboolean _zr_quotes_sentence_subject (Reader         *r,
                                      const gunichar *s,
                                      glong           a,
                                      glong           end,
                                      Person         *out);
void _zr_quotes_look_before (Reader *r,
                             guint   pi,
                             glong   open,
                             Side   *side);
void _zr_quotes_look_after  (Reader   *r,
                             guint     pi,
                             glong     close,
                             gboolean  paragraph_initial,
                             gboolean  sentence_initial,
                             Side     *side);

/* zr-quotes.c */
GPtrArray *_zr_quotes_extract_counted (const ZrRecord *record,
                                       guint64        *out_steps);

G_END_DECLS
