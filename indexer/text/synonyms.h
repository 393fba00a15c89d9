// Synonyms: groups of equivalent forms ("mfa", "two-step verification", ...) kept as data in
// indexer/text/synonyms.txt; index/synonym_table.h stores them in an index's Xapian synonym table.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "indexer/text/normaliser.h"

namespace kb {

using SynonymGroup = std::vector<std::string>;  // folded forms, words joined by one space

// Parses the synonyms file format: one group a line, forms separated by commas, '#' comments.
std::vector<SynonymGroup> parse_synonyms(std::string_view text, const Normaliser& normaliser);

// The groups shipped in indexer/text/synonyms.txt (embedded at build time).
std::vector<SynonymGroup> default_synonyms(const Normaliser& normaliser);

// "Multi-Factor  authentication" -> "multi factor authentication": the key form of a phrase.
std::string synonym_key(std::string_view text, const Normaliser& normaliser);

}  // namespace kb
