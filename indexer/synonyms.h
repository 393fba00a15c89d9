// Synonyms: groups of equivalent forms ("mfa", "two-step verification", ...) kept as data in
// indexer/synonyms.txt, stored in each index's Xapian synonym table and expanded at query time.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "indexer/normaliser.h"

namespace kb {

using SynonymGroup = std::vector<std::string>;   // folded forms, words joined by one space

// Parses the synonyms file format: one group a line, forms separated by commas, '#' comments.
std::vector<SynonymGroup> parse_synonyms(std::string_view text, const Normaliser& normaliser);

// The groups shipped in indexer/synonyms.txt (embedded at build time).
std::vector<SynonymGroup> default_synonyms(const Normaliser& normaliser);

// Replaces the database's synonym table with `groups`: every form maps to every other form.
void store_synonyms(Xapian::WritableDatabase& db, const std::vector<SynonymGroup>& groups);

// "Multi-Factor  authentication" -> "multi factor authentication": the key form of a phrase.
std::string synonym_key(std::string_view text, const Normaliser& normaliser);

}  // namespace kb
