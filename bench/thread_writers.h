// The two forms a synthetic thread is written in: one JSON Lines record (docs/jsonl-format.md)
// and a seed page as scraped from the forum (../shared/seeds/*.txt), both read by `kbsearch index`.
#pragma once

#include <string>

#include "bench/thread_synthesiser.h"

namespace kb::bench {

// One line, without the newline. Field order is fixed, so the same thread gives the same bytes.
// `x_near_duplicate_of` (ignored by kbsearch) records the ground truth for duplicate finding.
std::string json_line(const SyntheticThread& thread);

// The whole page, in the seed format the seed-page parser reads.
std::string seed_page(const SyntheticThread& thread);

}  // namespace kb::bench
