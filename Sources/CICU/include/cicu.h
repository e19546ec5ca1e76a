// cicu.h: the plain-C face of ICU for Onoma's Swift code.
//
// Why this exists: ICU's own headers rename every function with a version suffix (`utrans_openU_72`) and declare
// types that clash with the ICU module bundled in Foundation. This header therefore exposes only <stdint.h> types
// and opaque handles; `cicu.c` is the only file that includes <unicode/…>. Every function is prefixed `cicu_`.
// ICU status codes cross the boundary as `int32_t *status` (ICU's UErrorCode values: 0 is success, negative values
// are warnings, positive values are errors). UTF-16 text is `uint16_t` (ICU's UChar).

#ifndef C_ICU_SHIM_H
#define C_ICU_SHIM_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// ICU's U_BUFFER_OVERFLOW_ERROR, so Swift can recognise it without ICU's headers.
#define CICU_BUFFER_OVERFLOW_ERROR 15

/// The symbolic name of an ICU status code (`U_ILLEGAL_ARGUMENT_ERROR`, …); never NULL.
const char *_Nonnull cicu_error_name(int32_t status);

/// The ICU version this process runs with, as "72.1".
void cicu_version(char *_Nonnull buffer, int32_t capacity);

// MARK: - Transliteration (utrans)

typedef struct cicu_transliterator cicu_transliterator;

/// Opens a system transliterator by ID (`Russian-Latin/BGN`, `Any-Latin; Latin-ASCII`). NULL on failure.
cicu_transliterator *_Nullable cicu_trans_open_id(const uint16_t *_Nonnull id, int32_t id_length, int32_t reverse,
                                                  int32_t *_Nonnull status);

/// Compiles a transliterator from rule text. On a rule error, fills line/offset (0-based offset in the line as
/// ICU counts it) and the pre- and post-context (NUL-terminated UTF-16, at most 16 units each) and returns NULL.
cicu_transliterator *_Nullable cicu_trans_open_rules(const uint16_t *_Nonnull name, int32_t name_length,
                                                     const uint16_t *_Nonnull rules, int32_t rules_length,
                                                     int32_t reverse, int32_t *_Nonnull parse_line,
                                                     int32_t *_Nonnull parse_offset,
                                                     uint16_t *_Nonnull pre_context, uint16_t *_Nonnull post_context,
                                                     int32_t *_Nonnull status);

/// A new, independent copy of a transliterator (ICU's utrans_clone), for another thread.
cicu_transliterator *_Nullable cicu_trans_clone(const cicu_transliterator *_Nonnull trans, int32_t *_Nonnull status);

void cicu_trans_close(cicu_transliterator *_Nullable trans);

/// Transforms `text` (length `*length`, capacity `capacity`) in place. `*length` receives the full result length,
/// which can exceed `capacity` (status U_BUFFER_OVERFLOW_ERROR; the buffer then holds a partial result).
void cicu_trans_transform(const cicu_transliterator *_Nonnull trans, uint16_t *_Nonnull text,
                          int32_t *_Nonnull length, int32_t capacity, int32_t *_Nonnull status);

/// Number of registered transliterator IDs.
int32_t cicu_trans_count_ids(void);

/// Copies the ID at `index` into `buffer`; returns its length (which may exceed capacity).
int32_t cicu_trans_id_at(int32_t index, uint16_t *_Nonnull buffer, int32_t capacity, int32_t *_Nonnull status);

// MARK: - Rule text and sets, for the native rule engine

/// Copies the rule text ICU's registry compiles for the system transliterator `id` (its entry in the `translit`
/// bundle's `RuleBasedTransliteratorIDs`, aliases to other entries followed) into `buffer` and returns its length,
/// which may exceed `capacity` (status U_BUFFER_OVERFLOW_ERROR). `*reverse` is 1 when ICU compiles the text in the
/// reverse direction. Status U_MISSING_RESOURCE_ERROR when the ID has no rule text of its own (`Any-Latin`,
/// `Any-NFC`, a compound alias).
int32_t cicu_trans_rule_source(const char *_Nonnull id, uint16_t *_Nonnull buffer, int32_t capacity,
                               int32_t *_Nonnull reverse, int32_t *_Nonnull status);

/// Parses the UnicodeSet pattern `pattern` as ICU's transliterator rules do (white space ignored) and writes its code
/// point ranges into `ranges` as (first, last) pairs, up to `capacity` pairs; returns the number of ranges, which may
/// exceed `capacity` (status U_BUFFER_OVERFLOW_ERROR). `*has_strings` is 1 when the set also holds strings (`{ab}`),
/// which the ranges leave out.
int32_t cicu_set_ranges(const uint16_t *_Nonnull pattern, int32_t length, uint32_t *_Nonnull ranges,
                        int32_t capacity, int32_t *_Nonnull has_strings, int32_t *_Nonnull status);

/// Writes the strings of the UnicodeSet pattern `pattern` (its `{ab}` members) into `buffer`, each followed by a 0
/// unit, and returns the units needed, which may exceed `capacity` (status U_BUFFER_OVERFLOW_ERROR).
int32_t cicu_set_strings(const uint16_t *_Nonnull pattern, int32_t length, uint16_t *_Nonnull buffer,
                         int32_t capacity, int32_t *_Nonnull status);

/// Receives the output of a native stage (see `cicu_trans_register_native`).
typedef struct cicu_native_sink cicu_native_sink;

/// Appends UTF-16 text to a native stage's output.
void cicu_native_sink_append(cicu_native_sink *_Nonnull sink, const uint16_t *_Nonnull units, int32_t count);

/// A stage of rules run outside ICU: given the text from the context start to the context limit, it writes to `sink`
/// what replaces `text[start..<limit]` (the text before `start` being its ante-context, after `limit` its
/// post-context).
typedef void (*cicu_native_stage)(void *_Nonnull context, const uint16_t *_Nonnull text, int32_t length,
                                  int32_t start, int32_t limit, cicu_native_sink *_Nonnull sink);

/// Registers with ICU, under `id`, a compound transliterator of `count` stages run as ICU's CompoundTransliterator
/// runs them: stage i is the system transliterator `system_ids[i]` (a NUL-terminated UTF-16 ID, opened now) or, when
/// that is NULL, `stage` called with `contexts[i]`. `filter` (UTF-16 UnicodeSet pattern, or NULL) is the compound's
/// global filter. Later requests for `id` (also from ICU's own `Any-Latin`) get clones of it. Returns 1 on success.
int32_t cicu_trans_register_native(const uint16_t *_Nonnull id, int32_t id_length, int32_t count,
                                   const uint16_t *_Nullable const *_Nonnull system_ids,
                                   void *_Nullable const *_Nonnull contexts, cicu_native_stage _Nonnull stage,
                                   const uint16_t *_Nullable filter, int32_t filter_length,
                                   int32_t *_Nonnull status);

// MARK: - Normalization (unorm2) and case mapping

/// Normalization forms, in the numbering of `cicu_normalize`.
enum {
    CICU_NFC = 0,
    CICU_NFD = 1,
    CICU_NFKC = 2,
    CICU_NFKD = 3,
    CICU_NFKC_CASEFOLD = 4,
};

/// Normalizes `src` into `dest`; returns the full length (status U_BUFFER_OVERFLOW_ERROR when it exceeds capacity).
/// The ICU normalizer instances are process-wide singletons and thread-safe.
int32_t cicu_normalize(int32_t form, const uint16_t *_Nonnull src, int32_t length, uint16_t *_Nonnull dest,
                       int32_t capacity, int32_t *_Nonnull status);

/// 1 when `src` is already in the form (quick check answered "yes" or a full check passed).
int32_t cicu_is_normalized(int32_t form, const uint16_t *_Nonnull src, int32_t length, int32_t *_Nonnull status);

/// Locale-aware lower-casing (`tr`/`az` map I to ı). `locale` is a NUL-terminated ICU locale ID or "".
int32_t cicu_to_lower(const char *_Nonnull locale, const uint16_t *_Nonnull src, int32_t length,
                      uint16_t *_Nonnull dest, int32_t capacity, int32_t *_Nonnull status);

/// Locale-aware upper-casing.
int32_t cicu_to_upper(const char *_Nonnull locale, const uint16_t *_Nonnull src, int32_t length,
                      uint16_t *_Nonnull dest, int32_t capacity, int32_t *_Nonnull status);

/// Full case folding; `turkic` != 0 uses the Turkic rules for I and İ.
int32_t cicu_fold_case(int32_t turkic, const uint16_t *_Nonnull src, int32_t length, uint16_t *_Nonnull dest,
                       int32_t capacity, int32_t *_Nonnull status);

// MARK: - Scripts (uscript)

/// The script code (UScriptCode) of a code point; 0 is Common, 1 Inherited.
int32_t cicu_script_of(uint32_t code_point, int32_t *_Nonnull status);

/// Writes up to `capacity` script codes from the Script_Extensions property of a code point; returns the count.
int32_t cicu_script_extensions(uint32_t code_point, int32_t *_Nonnull scripts, int32_t capacity,
                               int32_t *_Nonnull status);

/// The long Unicode name of a script code (`Latin`, `Cyrillic`); NULL for an invalid code.
const char *_Nullable cicu_script_name(int32_t script);

/// The ISO 15924 code of a script code (`Latn`, `Cyrl`); NULL for an invalid code.
const char *_Nullable cicu_script_short_name(int32_t script);

/// Script codes whose name or ISO code is `name` (e.g. "Armn"); returns the count written.
int32_t cicu_script_codes(const char *_Nonnull name, int32_t *_Nonnull codes, int32_t capacity,
                          int32_t *_Nonnull status);

// MARK: - Word boundaries (ubrk)

/// Finds the word boundaries of `text` for `locale` in one call, so no ICU iterator outlives the text it reads.
/// Writes boundary offsets (UTF-16) to `boundaries` and the rule status of the segment ending at each boundary to
/// `statuses` (0 none/punctuation, 100 number, 200 letter, 300 kana, 400 ideograph, per ICU's UWordBreak ranges).
/// Returns the count, which may exceed `capacity` (status U_BUFFER_OVERFLOW_ERROR).
int32_t cicu_word_boundaries(const char *_Nonnull locale, const uint16_t *_Nonnull text, int32_t length,
                             int32_t *_Nonnull boundaries, int32_t *_Nonnull statuses, int32_t capacity,
                             int32_t *_Nonnull status);

// MARK: - Collation (ucol)

typedef struct cicu_collator cicu_collator;

cicu_collator *_Nullable cicu_coll_open(const char *_Nonnull locale, int32_t *_Nonnull status);
cicu_collator *_Nullable cicu_coll_clone(const cicu_collator *_Nonnull coll, int32_t *_Nonnull status);
void cicu_coll_close(cicu_collator *_Nullable coll);

/// Sets the comparison strength: 0 primary, 1 secondary, 2 tertiary (ICU's default), 3 quaternary, 15 identical.
void cicu_coll_set_strength(cicu_collator *_Nonnull coll, int32_t strength);

/// Writes the sort key (bytes, NUL-terminated) and returns its full length including the NUL.
int32_t cicu_coll_sort_key(const cicu_collator *_Nonnull coll, const uint16_t *_Nonnull text, int32_t length,
                           uint8_t *_Nonnull key, int32_t capacity);

/// -1, 0 or 1.
int32_t cicu_coll_compare(const cicu_collator *_Nonnull coll, const uint16_t *_Nonnull a, int32_t a_length,
                          const uint16_t *_Nonnull b, int32_t b_length);

// MARK: - Spoof checks (uspoof, UTS #39)

typedef struct cicu_spoof cicu_spoof;

cicu_spoof *_Nullable cicu_spoof_open(int32_t *_Nonnull status);
void cicu_spoof_close(cicu_spoof *_Nullable spoof);
cicu_spoof *_Nullable cicu_spoof_clone(const cicu_spoof *_Nonnull spoof, int32_t *_Nonnull status);

/// The UTS #39 confusable skeleton of `text`; returns its full length.
int32_t cicu_spoof_skeleton(const cicu_spoof *_Nonnull spoof, const uint16_t *_Nonnull text, int32_t length,
                            uint16_t *_Nonnull dest, int32_t capacity, int32_t *_Nonnull status);

/// The uspoof_check2 result bits (USPOOF_MIXED_SCRIPT_CONFUSABLE = 2, USPOOF_RESTRICTION_LEVEL = 16, …),
/// and in `restriction_level` the text's restriction level (0x10000000 ASCII … 0x7FFFFFFF unrestrictive).
int32_t cicu_spoof_check(const cicu_spoof *_Nonnull spoof, const uint16_t *_Nonnull text, int32_t length,
                         int32_t *_Nonnull restriction_level, int32_t *_Nonnull status);

// MARK: - Locales (uloc)

/// BCP 47 language tag → canonical BCP 47 tag, via ICU's locale canonicalization (`fr_FR`, `FR-fr` → `fr-FR`,
/// `fre` → `fr`). Returns the length written (NUL-terminated), which may exceed capacity.
int32_t cicu_canonical_language_tag(const char *_Nonnull tag, char *_Nonnull buffer, int32_t capacity,
                                    int32_t *_Nonnull status);

/// The likely script (ISO 15924, e.g. "Armn") of a language tag, via uloc_addLikelySubtags; returns its length.
int32_t cicu_likely_script(const char *_Nonnull tag, char *_Nonnull buffer, int32_t capacity,
                           int32_t *_Nonnull status);

/// 1 when ICU knows the language subtag of `tag` (a display name exists for it in English or it is "und").
int32_t cicu_is_known_language(const char *_Nonnull tag);

/// Number of locales ICU has data for, and the ICU locale ID at an index (`fr_CA`).
int32_t cicu_locale_count(void);
const char *_Nullable cicu_locale_at(int32_t index);

/// ICU locale ID → BCP 47 tag.
int32_t cicu_locale_to_tag(const char *_Nonnull locale, char *_Nonnull buffer, int32_t capacity,
                           int32_t *_Nonnull status);

/// Display names of the region / language / script of `locale` (an ICU ID like "und_AM", "hy", "und_Armn") in
/// `display_locale`. Status U_USING_DEFAULT_WARNING (-127) tells the name came from a fallback (root or the code).
int32_t cicu_display_country(const char *_Nonnull locale, const char *_Nonnull display_locale,
                             uint16_t *_Nonnull dest, int32_t capacity, int32_t *_Nonnull status);
int32_t cicu_display_language(const char *_Nonnull locale, const char *_Nonnull display_locale,
                              uint16_t *_Nonnull dest, int32_t capacity, int32_t *_Nonnull status);
int32_t cicu_display_script(const char *_Nonnull locale, const char *_Nonnull display_locale,
                            uint16_t *_Nonnull dest, int32_t capacity, int32_t *_Nonnull status);

/// The ISO 3166 alpha-3 code of a region ("AM" → "ARM"); empty when ICU has none.
const char *_Nonnull cicu_iso3_country(const char *_Nonnull region);

/// ISO 3166 region codes ICU knows (a NULL-terminated list owned by ICU).
const char *_Nullable const *_Nonnull cicu_iso_countries(void);

// MARK: - Time zones

typedef struct cicu_enumeration cicu_enumeration;

/// Canonical location time-zone IDs ("Asia/Yerevan") of `region` ("AM"; "" for all), one at a time:
/// `cicu_enum_next` returns NULL at the end.
cicu_enumeration *_Nullable cicu_canonical_zones(const char *_Nonnull region, int32_t *_Nonnull status);
const char *_Nullable cicu_enum_next(cicu_enumeration *_Nonnull en, int32_t *_Nonnull length,
                                     int32_t *_Nonnull status);
void cicu_enum_close(cicu_enumeration *_Nullable en);

typedef struct cicu_date_format cicu_date_format;

/// A date formatter with `pattern` for `locale` in time zone `zone` (e.g. pattern "VVV" gives the exemplar city).
cicu_date_format *_Nullable cicu_datefmt_open(const char *_Nonnull locale, const uint16_t *_Nonnull zone,
                                              int32_t zone_length, const uint16_t *_Nonnull pattern,
                                              int32_t pattern_length, int32_t *_Nonnull status);
void cicu_datefmt_close(cicu_date_format *_Nullable fmt);

/// Formats the instant `millis` (ms since 1970).
int32_t cicu_datefmt_format(const cicu_date_format *_Nonnull fmt, double millis, uint16_t *_Nonnull dest,
                            int32_t capacity, int32_t *_Nonnull status);

/// Sets the formatter's time zone.
void cicu_datefmt_set_zone(cicu_date_format *_Nonnull fmt, const uint16_t *_Nonnull zone, int32_t zone_length,
                           int32_t *_Nonnull status);

#ifdef __cplusplus
}
#endif

#endif // C_ICU_SHIM_H
