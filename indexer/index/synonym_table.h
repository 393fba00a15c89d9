// SynonymTable: writes synonym groups into an index's Xapian synonym table, at build time or
// into the live generation (`kbsearch synonyms`), where running servers see it on reopen.
#pragma once

#include <filesystem>
#include <vector>

#include <xapian.h>

#include "indexer/text/synonyms.h"

namespace kb {

// Replaces the database's synonym table with `groups`: every form maps to every other form.
void store_synonyms(Xapian::WritableDatabase& db, const std::vector<SynonymGroup>& groups);

// Replaces the synonym table of the generation live in `index_dir` with the groups of
// `synonyms_file` and commits; returns how many groups were stored. Throws IndexError when
// nothing is published there, ParseError when the file cannot be read.
std::size_t replace_live_synonyms(const std::filesystem::path& index_dir, const std::filesystem::path& synonyms_file);

}  // namespace kb
