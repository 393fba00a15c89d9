// SynonymTable: writes synonym groups into an index's Xapian synonym table, at build time or
// into the live generation (`kbsearch synonyms`), where running servers see it on reopen.
#pragma once

#include <filesystem>
#include <iosfwd>
#include <vector>

#include <xapian.h>

#include "indexer/text/synonyms.h"

namespace kb {

// Replaces the database's synonym table with `groups`: every form maps to every other form.
void store_synonyms(Xapian::WritableDatabase& db, const std::vector<SynonymGroup>& groups);

struct SynonymsReport {
    std::size_t groups = 0;  // synonym groups stored
    bool repaired = false;   // an earlier update cut off between its two commits was completed
};

// Replaces the synonym table of the generation live in `index_dir` with the groups of
// `synonyms_file` and commits, as a writer of the live generation (completing a cut-off update
// first, as IndexUpdater does). Throws IndexError when nothing is published there or it is in a
// newer format, ParseError when the file cannot be read.
// Says on `log` (if given) when it waits for another writer.
SynonymsReport replace_live_synonyms(const std::filesystem::path& index_dir, const std::filesystem::path& synonyms_file,
                                     std::ostream* log = nullptr);

}  // namespace kb
