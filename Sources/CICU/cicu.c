// cicu.c: the only file of Onoma that includes ICU's headers. Each function is a thin, checked pass-through;
// ownership and thread safety are handled by the Swift wrappers in OnomaText/ICU.

#include "cicu.h"

#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/ucal.h>
#include <unicode/ucol.h>
#include <unicode/udat.h>
#include <unicode/uenum.h>
#include <unicode/uloc.h>
#include <unicode/unorm2.h>
#include <unicode/udata.h>
#include <unicode/ures.h>
#include <unicode/uscript.h>
#include <unicode/uset.h>
#include <unicode/uspoof.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>
#include <unicode/uversion.h>

_Static_assert(sizeof(UChar) == sizeof(uint16_t), "UChar must be 16 bits");
_Static_assert(sizeof(UErrorCode) == sizeof(int32_t), "UErrorCode must be 32 bits");
_Static_assert(U_BUFFER_OVERFLOW_ERROR == CICU_BUFFER_OVERFLOW_ERROR, "overflow code mismatch");

#define STATUS(p) ((UErrorCode *)(p))

const char *cicu_error_name(int32_t status) { return u_errorName((UErrorCode)status); }

void cicu_version(char *buffer, int32_t capacity) {
    UVersionInfo info;
    u_getVersion(info);
    if (capacity >= U_MAX_VERSION_STRING_LENGTH) {
        u_versionToString(info, buffer);
    } else if (capacity > 0) {
        buffer[0] = 0;
    }
}

// MARK: - Transliteration

cicu_transliterator *cicu_trans_open_id(const uint16_t *id, int32_t id_length, int32_t reverse, int32_t *status) {
    UParseError parse;
    return (cicu_transliterator *)utrans_openU(id, id_length, reverse ? UTRANS_REVERSE : UTRANS_FORWARD, NULL, 0,
                                               &parse, STATUS(status));
}

cicu_transliterator *cicu_trans_open_rules(const uint16_t *name, int32_t name_length, const uint16_t *rules,
                                           int32_t rules_length, int32_t reverse, int32_t *parse_line,
                                           int32_t *parse_offset, uint16_t *pre_context, uint16_t *post_context,
                                           int32_t *status) {
    UParseError parse;
    memset(&parse, 0, sizeof parse);
    UTransliterator *t = utrans_openU(name, name_length, reverse ? UTRANS_REVERSE : UTRANS_FORWARD, rules,
                                      rules_length, &parse, STATUS(status));
    *parse_line = parse.line;
    *parse_offset = parse.offset;
    memcpy(pre_context, parse.preContext, sizeof parse.preContext);
    memcpy(post_context, parse.postContext, sizeof parse.postContext);
    if (U_FAILURE(*STATUS(status)) && t != NULL) {
        utrans_close(t);
        return NULL;
    }
    return (cicu_transliterator *)t;
}

cicu_transliterator *cicu_trans_clone(const cicu_transliterator *trans, int32_t *status) {
    return (cicu_transliterator *)utrans_clone((const UTransliterator *)trans, STATUS(status));
}

void cicu_trans_close(cicu_transliterator *trans) {
    if (trans != NULL) utrans_close((UTransliterator *)trans);
}

void cicu_trans_transform(const cicu_transliterator *trans, uint16_t *text, int32_t *length, int32_t capacity,
                          int32_t *status) {
    int32_t limit = *length;
    utrans_transUChars((const UTransliterator *)trans, text, length, capacity, 0, &limit, STATUS(status));
}

int32_t cicu_trans_rule_source(const char *id, uint16_t *buffer, int32_t capacity, int32_t *reverse,
                               int32_t *status) {
    UErrorCode *ec = STATUS(status);
    *reverse = 0;
    if (U_FAILURE(*ec)) return 0;
    UResourceBundle *root = ures_openDirect(U_ICUDATA_NAME U_TREE_SEPARATOR_STRING "translit", "root", ec);
    UResourceBundle *ids = ures_getByKey(root, "RuleBasedTransliteratorIDs", NULL, ec);
    char key[128];
    strncpy(key, id, sizeof key - 1);
    key[sizeof key - 1] = 0;
    int32_t length = 0;
    // An alias names another entry (`Han-Latin` → `Hani-Latn`); a few hops at most.
    for (int hops = 0; hops < 8 && U_SUCCESS(*ec); hops++) {
        UResourceBundle *entry = ures_getByKey(ids, key, NULL, ec);
        UResourceBundle *kind = ures_getByIndex(entry, 0, NULL, ec);
        const char *name = U_SUCCESS(*ec) ? ures_getKey(kind) : NULL;
        int32_t n = 0;
        if (name != NULL && strcmp(name, "alias") == 0) {
            const UChar *alias = ures_getString(kind, &n, ec);
            if (U_SUCCESS(*ec) && n < (int32_t)sizeof key && u_strchr(alias, 0x3B) == NULL) {
                u_UCharsToChars(alias, key, n);
                key[n] = 0;
            } else if (U_SUCCESS(*ec)) {
                *ec = U_MISSING_RESOURCE_ERROR;  // a compound ID, not rule text
            }
            ures_close(kind);
            ures_close(entry);
            continue;
        }
        if (name != NULL && (strcmp(name, "file") == 0 || strcmp(name, "internal") == 0)) {
            const UChar *direction = ures_getStringByKey(kind, "direction", &n, ec);
            if (U_SUCCESS(*ec) && n > 0 && direction[0] == 0x52 /* R */) *reverse = 1;
            const UChar *rules = ures_getStringByKey(kind, "resource", &n, ec);
            if (U_SUCCESS(*ec)) {
                length = n;
                if (n <= capacity) {
                    memcpy(buffer, rules, (size_t)n * sizeof(UChar));
                } else {
                    *ec = U_BUFFER_OVERFLOW_ERROR;
                }
            }
        } else if (U_SUCCESS(*ec)) {
            *ec = U_MISSING_RESOURCE_ERROR;
        }
        ures_close(kind);
        ures_close(entry);
        break;
    }
    ures_close(ids);
    ures_close(root);
    return length;
}

int32_t cicu_set_ranges(const uint16_t *pattern, int32_t length, uint32_t *ranges, int32_t capacity,
                        int32_t *has_strings, int32_t *status) {
    UErrorCode *ec = STATUS(status);
    *has_strings = 0;
    USet *set = uset_openPatternOptions(pattern, length, USET_IGNORE_SPACE, ec);
    if (U_FAILURE(*ec)) {
        uset_close(set);
        return 0;
    }
    int32_t count = uset_getRangeCount(set);
    *has_strings = uset_getItemCount(set) > count ? 1 : 0;
    for (int32_t i = 0; i < count && i < capacity; i++) {
        UChar32 start = 0, end = 0;
        uset_getItem(set, i, &start, &end, NULL, 0, ec);
        ranges[2 * i] = (uint32_t)start;
        ranges[2 * i + 1] = (uint32_t)end;
    }
    if (count > capacity && U_SUCCESS(*ec)) *ec = U_BUFFER_OVERFLOW_ERROR;
    uset_close(set);
    return count;
}

int32_t cicu_set_strings(const uint16_t *pattern, int32_t length, uint16_t *buffer, int32_t capacity,
                         int32_t *status) {
    UErrorCode *ec = STATUS(status);
    USet *set = uset_openPatternOptions(pattern, length, USET_IGNORE_SPACE, ec);
    if (U_FAILURE(*ec)) {
        uset_close(set);
        return 0;
    }
    int32_t total = 0;
    UChar item[256];
    for (int32_t i = uset_getRangeCount(set); i < uset_getItemCount(set) && U_SUCCESS(*ec); i++) {
        UChar32 start = 0, end = 0;
        int32_t n = uset_getItem(set, i, &start, &end, item, 256, ec);
        for (int32_t k = 0; k <= n && U_SUCCESS(*ec); k++) {
            if (total < capacity) buffer[total] = k < n ? item[k] : 0;
            total++;
        }
    }
    if (total > capacity && U_SUCCESS(*ec)) *ec = U_BUFFER_OVERFLOW_ERROR;
    uset_close(set);
    return total;
}

int32_t cicu_trans_count_ids(void) { return utrans_countAvailableIDs(); }

int32_t cicu_trans_id_at(int32_t index, uint16_t *buffer, int32_t capacity, int32_t *status) {
    UEnumeration *en = utrans_openIDs(STATUS(status));
    if (U_FAILURE(*STATUS(status))) return 0;
    int32_t length = 0;
    const UChar *id = NULL;
    for (int32_t i = 0; i <= index; i++) {
        id = uenum_unext(en, &length, STATUS(status));
        if (id == NULL || U_FAILURE(*STATUS(status))) break;
    }
    if (id != NULL && U_SUCCESS(*STATUS(status))) {
        memcpy(buffer, id, sizeof(UChar) * (size_t)(length < capacity ? length : capacity));
        if (length > capacity) *status = U_BUFFER_OVERFLOW_ERROR;
    } else if (U_SUCCESS(*STATUS(status))) {
        *status = U_INDEX_OUTOFBOUNDS_ERROR;
    }
    uenum_close(en);
    return length;
}

// MARK: - Normalization and case mapping

static const UNormalizer2 *normalizer(int32_t form, UErrorCode *status) {
    switch (form) {
    case CICU_NFC: return unorm2_getNFCInstance(status);
    case CICU_NFD: return unorm2_getNFDInstance(status);
    case CICU_NFKC: return unorm2_getNFKCInstance(status);
    case CICU_NFKD: return unorm2_getNFKDInstance(status);
    case CICU_NFKC_CASEFOLD: return unorm2_getNFKCCasefoldInstance(status);
    default: *status = U_ILLEGAL_ARGUMENT_ERROR; return NULL;
    }
}

int32_t cicu_normalize(int32_t form, const uint16_t *src, int32_t length, uint16_t *dest, int32_t capacity,
                       int32_t *status) {
    const UNormalizer2 *n = normalizer(form, STATUS(status));
    if (U_FAILURE(*STATUS(status))) return 0;
    return unorm2_normalize(n, src, length, dest, capacity, STATUS(status));
}

int32_t cicu_is_normalized(int32_t form, const uint16_t *src, int32_t length, int32_t *status) {
    const UNormalizer2 *n = normalizer(form, STATUS(status));
    if (U_FAILURE(*STATUS(status))) return 0;
    return unorm2_isNormalized(n, src, length, STATUS(status)) ? 1 : 0;
}

int32_t cicu_to_lower(const char *locale, const uint16_t *src, int32_t length, uint16_t *dest, int32_t capacity,
                      int32_t *status) {
    return u_strToLower(dest, capacity, src, length, locale, STATUS(status));
}

int32_t cicu_to_upper(const char *locale, const uint16_t *src, int32_t length, uint16_t *dest, int32_t capacity,
                      int32_t *status) {
    return u_strToUpper(dest, capacity, src, length, locale, STATUS(status));
}

int32_t cicu_fold_case(int32_t turkic, const uint16_t *src, int32_t length, uint16_t *dest, int32_t capacity,
                       int32_t *status) {
    return u_strFoldCase(dest, capacity, src, length, turkic ? U_FOLD_CASE_EXCLUDE_SPECIAL_I : U_FOLD_CASE_DEFAULT,
                         STATUS(status));
}

// MARK: - Scripts

int32_t cicu_script_of(uint32_t code_point, int32_t *status) {
    return (int32_t)uscript_getScript((UChar32)code_point, STATUS(status));
}

int32_t cicu_script_extensions(uint32_t code_point, int32_t *scripts, int32_t capacity, int32_t *status) {
    return uscript_getScriptExtensions((UChar32)code_point, (UScriptCode *)scripts, capacity, STATUS(status));
}

const char *cicu_script_name(int32_t script) { return uscript_getName((UScriptCode)script); }

const char *cicu_script_short_name(int32_t script) { return uscript_getShortName((UScriptCode)script); }

int32_t cicu_script_codes(const char *name, int32_t *codes, int32_t capacity, int32_t *status) {
    return uscript_getCode(name, (UScriptCode *)codes, capacity, STATUS(status));
}

// MARK: - Word boundaries

int32_t cicu_word_boundaries(const char *locale, const uint16_t *text, int32_t length, int32_t *boundaries,
                             int32_t *statuses, int32_t capacity, int32_t *status) {
    UBreakIterator *bi = ubrk_open(UBRK_WORD, locale, text, length, STATUS(status));
    if (U_FAILURE(*STATUS(status))) {
        if (bi != NULL) ubrk_close(bi);
        return 0;
    }
    int32_t count = 0;
    for (int32_t b = ubrk_first(bi); b != UBRK_DONE; b = ubrk_next(bi)) {
        if (count < capacity) {
            boundaries[count] = b;
            statuses[count] = ubrk_getRuleStatus(bi);
        }
        count++;
    }
    ubrk_close(bi);
    if (count > capacity) *status = U_BUFFER_OVERFLOW_ERROR;
    return count;
}

// MARK: - Collation

cicu_collator *cicu_coll_open(const char *locale, int32_t *status) {
    UCollator *c = ucol_open(locale, STATUS(status));
    if (U_FAILURE(*STATUS(status)) && c != NULL) {
        ucol_close(c);
        return NULL;
    }
    return (cicu_collator *)c;
}

cicu_collator *cicu_coll_clone(const cicu_collator *coll, int32_t *status) {
    return (cicu_collator *)ucol_clone((const UCollator *)coll, STATUS(status));
}

void cicu_coll_close(cicu_collator *coll) {
    if (coll != NULL) ucol_close((UCollator *)coll);
}

void cicu_coll_set_strength(cicu_collator *coll, int32_t strength) {
    ucol_setStrength((UCollator *)coll, (UCollationStrength)strength);
}

int32_t cicu_coll_sort_key(const cicu_collator *coll, const uint16_t *text, int32_t length, uint8_t *key,
                           int32_t capacity) {
    return ucol_getSortKey((const UCollator *)coll, text, length, key, capacity);
}

int32_t cicu_coll_compare(const cicu_collator *coll, const uint16_t *a, int32_t a_length, const uint16_t *b,
                          int32_t b_length) {
    return (int32_t)ucol_strcoll((const UCollator *)coll, a, a_length, b, b_length);
}

// MARK: - Spoof checks

cicu_spoof *cicu_spoof_open(int32_t *status) {
    USpoofChecker *sc = uspoof_open(STATUS(status));
    if (U_FAILURE(*STATUS(status))) {
        if (sc != NULL) uspoof_close(sc);
        return NULL;
    }
    uspoof_setChecks(sc, USPOOF_ALL_CHECKS | USPOOF_AUX_INFO, STATUS(status));
    return (cicu_spoof *)sc;
}

void cicu_spoof_close(cicu_spoof *spoof) {
    if (spoof != NULL) uspoof_close((USpoofChecker *)spoof);
}

cicu_spoof *cicu_spoof_clone(const cicu_spoof *spoof, int32_t *status) {
    return (cicu_spoof *)uspoof_clone((const USpoofChecker *)spoof, STATUS(status));
}

int32_t cicu_spoof_skeleton(const cicu_spoof *spoof, const uint16_t *text, int32_t length, uint16_t *dest,
                            int32_t capacity, int32_t *status) {
    return uspoof_getSkeleton((const USpoofChecker *)spoof, 0, text, length, dest, capacity, STATUS(status));
}

int32_t cicu_spoof_check(const cicu_spoof *spoof, const uint16_t *text, int32_t length, int32_t *restriction_level,
                         int32_t *status) {
    USpoofCheckResult *result = uspoof_openCheckResult(STATUS(status));
    if (U_FAILURE(*STATUS(status))) return 0;
    int32_t bits = uspoof_check2((const USpoofChecker *)spoof, text, length, result, STATUS(status));
    *restriction_level = (int32_t)uspoof_getCheckResultRestrictionLevel(result, STATUS(status));
    uspoof_closeCheckResult(result);
    return bits & USPOOF_ALL_CHECKS;
}

// MARK: - Locales

int32_t cicu_canonical_language_tag(const char *tag, char *buffer, int32_t capacity, int32_t *status) {
    char id[ULOC_FULLNAME_CAPACITY];
    char canonical[ULOC_FULLNAME_CAPACITY];
    int32_t parsed = 0;
    uloc_forLanguageTag(tag, id, sizeof id, &parsed, STATUS(status));
    if (U_FAILURE(*STATUS(status))) return 0;
    if (parsed != (int32_t)strlen(tag)) {
        *status = U_ILLEGAL_ARGUMENT_ERROR;
        return 0;
    }
    uloc_canonicalize(id, canonical, sizeof canonical, STATUS(status));
    if (U_FAILURE(*STATUS(status))) return 0;
    return uloc_toLanguageTag(canonical, buffer, capacity, 1, STATUS(status));
}

int32_t cicu_likely_script(const char *tag, char *buffer, int32_t capacity, int32_t *status) {
    char id[ULOC_FULLNAME_CAPACITY];
    char maximized[ULOC_FULLNAME_CAPACITY];
    int32_t parsed = 0;
    uloc_forLanguageTag(tag, id, sizeof id, &parsed, STATUS(status));
    uloc_addLikelySubtags(id, maximized, sizeof maximized, STATUS(status));
    if (U_FAILURE(*STATUS(status))) return 0;
    return uloc_getScript(maximized, buffer, capacity, STATUS(status));
}

int32_t cicu_is_known_language(const char *tag) {
    UErrorCode status = U_ZERO_ERROR;
    char id[ULOC_FULLNAME_CAPACITY];
    char language[ULOC_LANG_CAPACITY];
    int32_t parsed = 0;
    uloc_forLanguageTag(tag, id, sizeof id, &parsed, &status);
    if (U_FAILURE(status)) return 0;
    uloc_getLanguage(id, language, sizeof language, &status);
    if (U_FAILURE(status) || language[0] == 0) return 0;
    if (strcmp(language, "und") == 0) return 1;
    UChar name[128];
    status = U_ZERO_ERROR;
    uloc_getDisplayLanguage(language, "en", name, 128, &status);
    return (U_SUCCESS(status) && status != U_USING_DEFAULT_WARNING) ? 1 : 0;
}

int32_t cicu_locale_count(void) { return uloc_countAvailable(); }

const char *cicu_locale_at(int32_t index) { return uloc_getAvailable(index); }

int32_t cicu_locale_to_tag(const char *locale, char *buffer, int32_t capacity, int32_t *status) {
    return uloc_toLanguageTag(locale, buffer, capacity, 0, STATUS(status));
}

int32_t cicu_display_country(const char *locale, const char *display_locale, uint16_t *dest, int32_t capacity,
                             int32_t *status) {
    return uloc_getDisplayCountry(locale, display_locale, dest, capacity, STATUS(status));
}

int32_t cicu_display_language(const char *locale, const char *display_locale, uint16_t *dest, int32_t capacity,
                              int32_t *status) {
    return uloc_getDisplayLanguage(locale, display_locale, dest, capacity, STATUS(status));
}

int32_t cicu_display_script(const char *locale, const char *display_locale, uint16_t *dest, int32_t capacity,
                            int32_t *status) {
    return uloc_getDisplayScript(locale, display_locale, dest, capacity, STATUS(status));
}

const char *cicu_iso3_country(const char *region) {
    char id[16] = "und_";
    strncat(id, region, sizeof id - 5);
    return uloc_getISO3Country(id);
}

const char *const *cicu_iso_countries(void) { return uloc_getISOCountries(); }

// MARK: - Time zones

cicu_enumeration *cicu_canonical_zones(const char *region, int32_t *status) {
    return (cicu_enumeration *)ucal_openTimeZoneIDEnumeration(UCAL_ZONE_TYPE_CANONICAL_LOCATION,
                                                              (region != NULL && region[0]) ? region : NULL, NULL,
                                                              STATUS(status));
}

const char *cicu_enum_next(cicu_enumeration *en, int32_t *length, int32_t *status) {
    return uenum_next((UEnumeration *)en, length, STATUS(status));
}

void cicu_enum_close(cicu_enumeration *en) {
    if (en != NULL) uenum_close((UEnumeration *)en);
}

cicu_date_format *cicu_datefmt_open(const char *locale, const uint16_t *zone, int32_t zone_length,
                                    const uint16_t *pattern, int32_t pattern_length, int32_t *status) {
    UDateFormat *f =
        udat_open(UDAT_PATTERN, UDAT_PATTERN, locale, zone, zone_length, pattern, pattern_length, STATUS(status));
    if (U_FAILURE(*STATUS(status)) && f != NULL) {
        udat_close(f);
        return NULL;
    }
    return (cicu_date_format *)f;
}

void cicu_datefmt_close(cicu_date_format *fmt) {
    if (fmt != NULL) udat_close((UDateFormat *)fmt);
}

int32_t cicu_datefmt_format(const cicu_date_format *fmt, double millis, uint16_t *dest, int32_t capacity,
                            int32_t *status) {
    return udat_format((const UDateFormat *)fmt, millis, dest, capacity, NULL, STATUS(status));
}

void cicu_datefmt_set_zone(cicu_date_format *fmt, const uint16_t *zone, int32_t zone_length, int32_t *status) {
    UCalendar *cal = ucal_clone(udat_getCalendar((const UDateFormat *)fmt), STATUS(status));
    if (U_FAILURE(*STATUS(status))) return;
    ucal_setTimeZone(cal, zone, zone_length, STATUS(status));
    if (U_SUCCESS(*STATUS(status))) udat_setCalendar((UDateFormat *)fmt, cal);
    ucal_close(cal);
}
