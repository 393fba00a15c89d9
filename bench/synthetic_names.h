// SyntheticNames: invented display names ("Tavel Morisk") for askers and answer authors, so the
// indexer's name scrubbing does the work it does on real pages. Made from syllables, never taken
// from the source data: a candidate sharing a word with any source display name is rejected.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "bench/name_guard.h"
#include "bench/prng.h"

namespace kb::bench {

class SyntheticNames {
  public:
    SyntheticNames(const NameGuard& guard, std::uint64_t seed, std::size_t count = 400);

    const std::string& pick(Prng& prng) const { return names_[prng.index(names_.size())]; }
    // The first word: what a reply's greeting uses ("Hi Tavel,").
    static std::string first_word(const std::string& name) { return name.substr(0, name.find(' ')); }
    std::size_t size() const { return names_.size(); }

  private:
    std::vector<std::string> names_;
};

}  // namespace kb::bench
