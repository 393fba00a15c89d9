// ThreadRecord: a cleaned thread with what the enrichers found (canonical answer, error codes),
// and its compact JSON form, stored as the Xapian document data and read back by the server.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "indexer/schema/thread.h"
#include "indexer/text/error_codes.h"

namespace kb {

// The answer a thread is best represented by (ingest's CanonicalAnswer picks it), and why.
struct CanonicalChoice {
    int index = -1;   // into Thread::answers; -1 when the thread has no usable answer
    std::string why;  // "accepted by the asker", "staff moderator answer", ...
    // What a moderator pastes (ingest's CopyText): the answer without the sentences that held
    // removed personal data and without thread-specific openers; no placeholder is ever in it.
    // nullopt in a record written before copy texts were stored (see copy_or_fallback).
    std::optional<std::string> copy;
};

// What the enrichers found of one answer (ingest's AnswerRanker and CopyText).
struct AnswerNotes {
    // The learned answer score within its thread, priors included, on the canonical pick's
    // scale but without its bonus for an accepted answer (higher is better); nullopt for a
    // blank answer.
    std::optional<double> quality;
    // What a moderator pastes of it (CopyText): never a placeholder.
    std::string copy;
};

struct ThreadRecord {
    Thread thread;  // PII-free: author and asker names are empty
    CanonicalChoice canonical;
    std::vector<ErrorCode> codes;
    std::string duplicate_group;  // id of the group's representative thread, or empty
    // One per answer, in page order; empty in a record written before they were stored.
    std::vector<AnswerNotes> notes;

    const Answer* canonical_answer() const {
        return canonical.index >= 0 ? &thread.answers[static_cast<std::size_t>(canonical.index)] : nullptr;
    }
    // The canonical answer's copy text; "" when there is no canonical answer. A record from an
    // index built before copy texts were stored has none: its answer is copied without every
    // line that holds a placeholder (coarser than CopyText; rebuild the index for the real one).
    std::string copy_text() const { return copy_text(canonical.index); }
    // Answer `index`'s copy text, with the same fallback for an old record; "" for no answer.
    std::string copy_text(int index) const;
    // Answer `index`'s learned score; nullopt when blank or in an old record.
    std::optional<double> quality(int index) const;
    // "Microsoft 365 and Office | Outlook": the first two breadcrumb levels, the facet label.
    std::string product_label() const;
};

// Document data: compact JSON. Throws IndexError when the data is not a record.
std::string serialise_record(const ThreadRecord& record);
ThreadRecord parse_record(const std::string& data);

}  // namespace kb
