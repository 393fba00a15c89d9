#include "bench/synthetic_names.h"

#include <array>
#include <set>
#include <string_view>

namespace kb::bench {

namespace {

constexpr std::array<std::string_view, 14> kOnsets{"b", "d", "f", "g", "k", "l", "m",
                                                   "n", "p", "r", "s", "t", "v", "z"};
constexpr std::array<std::string_view, 5> kVowels{"a", "e", "i", "o", "u"};
constexpr std::array<std::string_view, 6> kCodas{"", "", "n", "r", "l", "sk"};

std::string word(Prng& prng, int syllables) {
    std::string w;
    for (int i = 0; i < syllables; ++i) {
        w += kOnsets[prng.index(kOnsets.size())];
        w += kVowels[prng.index(kVowels.size())];
    }
    w += kCodas[prng.index(kCodas.size())];
    w[0] = static_cast<char>(w[0] - 'a' + 'A');
    return w;
}

}  // namespace

SyntheticNames::SyntheticNames(const NameGuard& guard, std::uint64_t seed, std::size_t count) {
    Prng prng(seed ^ 0x4E41'4D45'5345'4544ull);
    std::set<std::string> seen;
    // Bounded: with 14 onsets and 5 vowels there are far more candidates than rejections.
    for (std::size_t attempts = 0; names_.size() < count && attempts < count * 100; ++attempts) {
        const std::string name = word(prng, prng.between(2, 3)) + " " + word(prng, prng.between(2, 3));
        if (!guard.first_name_word(name, /*strict=*/true).empty()) continue;
        if (seen.insert(name).second) names_.push_back(name);
    }
}

}  // namespace kb::bench
