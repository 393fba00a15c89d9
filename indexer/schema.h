// The index schema: the only place term prefixes, value slots and field weights are defined.
// Both the indexer and the searcher read it, so the two sides cannot drift apart.
#pragma once

#include <array>
#include <string_view>
#include <xapian.h>

namespace kb::schema {

// Term prefixes, following Xapian's conventions (Q unique id, S title; ours start with X).
inline constexpr std::string_view kIdPrefix = "Q";
inline constexpr std::string_view kTitlePrefix = "S";
inline constexpr std::string_view kErrorCodePrefix = "XCODE";
inline constexpr std::string_view kProductPrefix = "XPRODUCT";
inline constexpr std::string_view kRolePrefix = "XROLE";       // role of the canonical answer
inline constexpr std::string_view kDupGroupPrefix = "XDUP";

// Query-language fields: what a user types before a colon, and the prefix it maps to.
struct QueryField {
    std::string_view field;
    std::string_view prefix;
    bool boolean;   // filter (no weight) or a weighted free-text field
};
inline constexpr std::array<QueryField, 4> kQueryFields{{
    {"title", kTitlePrefix, false},
    {"product", kProductPrefix, true},
    {"code", kErrorCodePrefix, true},
    {"id", kIdPrefix, true},
}};

// Value slots.
inline constexpr Xapian::valueno kSlotDate = 0;          // sortable "YYYY-MM-DD"
inline constexpr Xapian::valueno kSlotProduct = 1;       // facet label: first two breadcrumb levels
inline constexpr Xapian::valueno kSlotDupGroup = 2;      // collapse key: duplicate group id
inline constexpr Xapian::valueno kSlotHelpful = 3;       // sortable_serialise(total helpful votes)

// Within-document frequency increments: the title counts above the body.
inline constexpr Xapian::termcount kTitleWeight = 4;
inline constexpr Xapian::termcount kQuestionWeight = 2;
inline constexpr Xapian::termcount kCanonicalAnswerWeight = 1;
inline constexpr Xapian::termcount kOtherAnswerWeight = 1;

// Beside each generation's main database, in this subfolder: one document per thread holding only
// its title and question, under the same id term. The duplicate finder scores a draft against it
// (a duplicate asks the same thing; answers drift).
inline constexpr std::string_view kQuestionsDatabase = "questions";

// Longest term Xapian stores comfortably; longer tokens are junk (base64, hashes).
inline constexpr std::size_t kMaxTermLength = 64;

}  // namespace kb::schema
