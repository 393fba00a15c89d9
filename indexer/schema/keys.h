// The keys both sides build from text: a product's filter key and a document's thread id.
// Written by the indexer and rebuilt from user input by the searcher, so they must agree.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <xapian.h>

#include "indexer/text/normaliser.h"

namespace kb {

// "Microsoft 365 and Office" -> "microsoft-365-and-office": the product filter key.
std::string product_key(const Normaliser& normaliser, std::string_view product);

// The thread id a document was written under (its schema::kIdPrefix term); "" when it has none.
std::string thread_id_of(const Xapian::Document& doc);

// The unique term of a thread id (schema::kIdPrefix + id).
std::string id_term(std::string_view id);

// The metadata key of a duplicate group's member list (schema::kGroupMembersKey + group; a
// long group id is hashed, as metadata keys are limited like terms).
std::string group_members_key(std::string_view group);

// "2026-01-19T12:02:47.29+00:00", "2010-08-31 12:23:11" or "2024-03-05" as "YYYY-MM-DDTHH:MM:SS"
// (midnight when no time is given), which sorts as the dates do; "" when `date` does not start
// with a calendar date. The zone is ignored: a forum's dates share one.
std::string date_key(std::string_view date);

// FNV-1a of the bytes: the same across builds, machines and compilers, so what is keyed by it
// on disk or on the wire (shards, long keys, the page's ETags) stays put.
std::uint64_t stable_hash(std::string_view text);

// Which of `count` shards holds a thread: a hash of its id that does not change between
// builds, machines or compilers (FNV-1a), so updates find the shard a thread was built into.
std::size_t shard_of(std::string_view id, std::size_t count);

}  // namespace kb
