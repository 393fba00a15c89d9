// The index schema: the only place term prefixes, value slots, field weights, the stemmer
// language and the on-disk layout's names are defined. Both sides read it, so they cannot drift.
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
// A boolean term on every thread with an accepted answer: the "accepted answers only" filter.
inline constexpr std::string_view kAcceptedTerm = "XSTATUSaccepted";
// Xapian's own prefix for stemmed terms (TermGenerator STEM_SOME writes "Z" + stem).
inline constexpr std::string_view kStemPrefix = "Z";

// Every text field is stemmed, and every query read, in this language.
inline constexpr const char* kStemmerLanguage = "english";

// Query-language fields: what a user types before a colon, and the prefix it maps to.
struct QueryField {
    std::string_view field;
    std::string_view prefix;
    bool boolean;  // filter (no weight) or a weighted free-text field
};
inline constexpr std::array<QueryField, 4> kQueryFields{{
    {"title", kTitlePrefix, false},
    {"product", kProductPrefix, true},
    {"code", kErrorCodePrefix, true},
    {"id", kIdPrefix, true},
}};

// Value slots.
// The thread's date as date_key (keys.h) writes it, which sorts as the time does: "newest first".
inline constexpr Xapian::valueno kSlotDate = 0;
// The facet key: the facet label (first two breadcrumb levels) and, for a thread in a duplicate
// group, kFacetGroupSeparator and the group id. One spy over it counts the products, and with the
// groups folded as the hits are, the folded total too.
inline constexpr Xapian::valueno kSlotFacet = 1;
inline constexpr char kFacetGroupSeparator = '\x1f';
inline constexpr Xapian::valueno kSlotGroup = 2;    // duplicate group id: the search's collapse key
inline constexpr Xapian::valueno kSlotHelpful = 3;  // sortable_serialise(total helpful votes)

// Within-document frequency increments: the title counts above the body.
inline constexpr Xapian::termcount kTitleWeight = 4;
inline constexpr Xapian::termcount kQuestionWeight = 2;
inline constexpr Xapian::termcount kCanonicalAnswerWeight = 1;
inline constexpr Xapian::termcount kOtherAnswerWeight = 1;

// Beside each generation's main database, in this subfolder: one document per thread holding only
// its title and question, under the same id term. The duplicate finder scores a draft against it
// (a duplicate asks the same thing; answers drift).
inline constexpr std::string_view kQuestionsDatabase = "questions";

// Beside a generation's databases when the build fitted the forum's own answer model
// (ForumAnswerFit): that model, which live updates of the generation pick answers with too.
// Absent, the binary's built-in model is the generation's.
inline constexpr std::string_view kAnswerModelFile = "answer_model.json";

// An index directory: DIR/kStubName is a Xapian stub file ("auto gen-...") naming the live
// generation DIR/gen-..., so Xapian opens DIR through it (index_layout.h reads it).
inline constexpr std::string_view kStubName = "XAPIANDB";
inline constexpr std::string_view kGenerationPrefix = "gen-";

// User metadata a live update writes into the main and the questions database in turn: a
// counter, and the ids it touched (one a line). When the two counters differ an update was cut
// off between the two commits; the next writer brings those ids of the questions database in
// line with the main one, and until then readers leave the questions database aside.
inline constexpr std::string_view kUpdateSerialKey = "kbsearch.update-serial";
inline constexpr std::string_view kUpdateBatchKey = "kbsearch.update-ids";

// The members of a duplicate group, one thread id a line, under group_members_key(group) in the
// database whose metadata the searcher reads: the main one, or a sharded generation's spelling
// database. A list may still name a thread that has left the group since (a live update adds
// to lists, it does not prune them); a thread's record says which group it is in.
inline constexpr std::string_view kGroupMembersKey = "kbsearch.group:";

// A sharded generation (`kbsearch index --shards K`) holds K databases named kShardPrefix + i,
// thread by thread as keys.h's shard_of() assigns them; a database of spelling and synonyms
// only (the remote backend carries neither); and two stubs: kStubName listing the spelling
// database first and then each shard, and kQuestionsDatabase listing each shard's questions.
// Either stub's lines may be replaced by `remote HOST:PORT` for shards served by xapian-tcpsrv.
inline constexpr std::string_view kShardPrefix = "shard-";
inline constexpr std::string_view kSpellingDatabase = "spelling";

// The index format, in the metadata of the database whose metadata the searcher reads (the main
// one, or a sharded generation's spelling database). A build writes kFormatVersion; a binary
// refuses an index of a higher version; an index without the key is of version 1 (the first).
// Raise it when a binary of today would misread an index written the new way.
inline constexpr std::string_view kFormatVersionKey = "kbsearch.format-version";
inline constexpr int kFormatVersion = 1;

// Beside the generations: the file `kbsearch` commands that write DIR lock (flock), one at a time.
inline constexpr std::string_view kWriteLockName = "write.lock";

// A field's limit at index time: longer, it is cut at a word boundary with a warning naming the
// file and line (never silently). Generous: the longest post in the SCN data is 23 KB and its
// longest title 252 bytes. What passes them is a pasted log or a dump, not a question.
inline constexpr std::size_t kMaxTitleBytes = 1024;
inline constexpr std::size_t kMaxPostBytes = 128 * 1024;  // a question, or one answer's body

// Longest term Xapian stores comfortably; longer tokens are junk (base64, hashes).
inline constexpr std::size_t kMaxTermLength = 64;
// Xapian refuses a longer term, and a document it refuses halfway leaves the writer's batch
// damaged; the writer checks every term against this before handing a document over.
inline constexpr std::size_t kMaxXapianTermBytes = 245;

}  // namespace kb::schema
