// cicu_native.cpp: a transliterator ICU can register whose rule stages run outside ICU (in Onoma's native rule
// engine), so that ICU's own transliterators that use it (`Any-Latin` dispatching a run of Han to `Han-Latin`) get
// the native stages too. C++ because a Transliterator subclass is the only way into ICU's registry.

#include "cicu.h"

#include <unicode/translit.h>
#include <unicode/uniset.h>
#include <unicode/unistr.h>
#include <unicode/rep.h>

#include <vector>

using icu::Replaceable;
using icu::Transliterator;
using icu::UnicodeSet;
using icu::UnicodeString;

struct cicu_native_sink {
    UnicodeString text;
};

extern "C" void cicu_native_sink_append(cicu_native_sink *sink, const uint16_t *units, int32_t count) {
    sink->text.append(reinterpret_cast<const UChar *>(units), count);
}

namespace {

/// ICU's CompoundTransliterator, with some stages native: each stage transliterates the whole range in turn.
class NativeCompound : public Transliterator {
public:
    struct Stage {
        Transliterator *system;  // owned; NULL for a native stage
        void *context;
    };

    NativeCompound(const UnicodeString &id, UnicodeSet *filter, std::vector<Stage> stages, cicu_native_stage run)
        : Transliterator(id, filter), stages(std::move(stages)), run(run) {}

    NativeCompound(const NativeCompound &other) : Transliterator(other), stages(other.stages), run(other.run) {
        for (Stage &stage : stages) {
            if (stage.system != nullptr) stage.system = stage.system->clone();
        }
    }

    ~NativeCompound() override {
        for (Stage &stage : stages) delete stage.system;
    }

    NativeCompound *clone() const override { return new NativeCompound(*this); }

    static UClassID getStaticClassID() {
        static char id = 0;
        return &id;
    }
    UClassID getDynamicClassID() const override { return getStaticClassID(); }

protected:
    // The loop of ICU's CompoundTransliterator::handleTransliterate (cpdtrans.cpp): every stage starts again at the
    // compound's start and gets the limit the stage before it left.
    void handleTransliterate(Replaceable &text, UTransPosition &index, UBool incremental) const override {
        if (stages.empty()) {
            index.start = index.limit;
            return;
        }
        int32_t compoundLimit = index.limit;
        int32_t compoundStart = index.start;
        int32_t delta = 0;
        for (const Stage &stage : stages) {
            index.start = compoundStart;
            int32_t limit = index.limit;
            if (index.start == index.limit) break;
            if (stage.system != nullptr) {
                stage.system->filteredTransliterate(text, index, incremental);
            } else {
                runNative(stage.context, text, index);
            }
            if (!incremental && index.start != index.limit) index.start = index.limit;
            delta += index.limit - limit;
            if (incremental) index.limit = index.start;
        }
        compoundLimit += delta;
        index.limit = compoundLimit;
    }

private:
    // A native stage sees the text from the context start to the context limit and rewrites start..<limit, all of
    // it: Onoma never transliterates incrementally, so the stage behaves as ICU's rules do when not incremental.
    void runNative(void *context, Replaceable &text, UTransPosition &index) const {
        UnicodeString window;
        text.extractBetween(index.contextStart, index.contextLimit, window);
        cicu_native_sink sink;
        run(context, reinterpret_cast<const uint16_t *>(window.getBuffer()), window.length(),
            index.start - index.contextStart, index.limit - index.contextStart, &sink);
        text.handleReplaceBetween(index.start, index.limit, sink.text);
        int32_t delta = sink.text.length() - (index.limit - index.start);
        index.limit += delta;
        index.contextLimit += delta;
        index.start = index.limit;
    }

    std::vector<Stage> stages;
    cicu_native_stage run;
};

}  // namespace

extern "C" int32_t cicu_trans_register_native(const uint16_t *id, int32_t id_length, int32_t count,
                                              const uint16_t *const *system_ids, void *const *contexts,
                                              cicu_native_stage stage, const uint16_t *filter,
                                              int32_t filter_length, int32_t *status) {
    UErrorCode *ec = reinterpret_cast<UErrorCode *>(status);
    if (U_FAILURE(*ec)) return 0;
    std::vector<NativeCompound::Stage> stages;
    for (int32_t i = 0; i < count; i++) {
        Transliterator *system = nullptr;
        if (system_ids[i] != nullptr) {
            system = Transliterator::createInstance(UnicodeString(reinterpret_cast<const UChar *>(system_ids[i])),
                                                    UTRANS_FORWARD, *ec);
            if (U_FAILURE(*ec)) {
                delete system;
                for (NativeCompound::Stage &s : stages) delete s.system;
                return 0;
            }
        }
        stages.push_back({system, contexts[i]});
    }
    UnicodeSet *set = nullptr;
    if (filter != nullptr) {
        set = new UnicodeSet(UnicodeString(reinterpret_cast<const UChar *>(filter), filter_length),
                             USET_IGNORE_SPACE, nullptr, *ec);
        if (U_FAILURE(*ec)) {
            delete set;
            for (NativeCompound::Stage &s : stages) delete s.system;
            return 0;
        }
    }
    UnicodeString name(reinterpret_cast<const UChar *>(id), id_length);
    Transliterator::registerInstance(new NativeCompound(name, set, std::move(stages), stage));
    return 1;
}
