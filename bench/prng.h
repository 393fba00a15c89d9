// Prng: the generator's one source of randomness. std::mt19937_64's output sequence is fixed by the
// standard, but the std:: distributions are not (libstdc++ and libc++ differ), so every draw here
// is our own integer arithmetic on the raw 64-bit outputs (no floating point, so no libm either):
// same seed, same file, on any standard library.
#pragma once

#include <cassert>
#include <cstdint>
#include <random>
#include <span>
#include <utility>
#include <vector>

namespace kb::bench {

class Prng {
  public:
    explicit Prng(std::uint64_t seed) : engine_(seed) {}

    std::uint64_t next() { return engine_(); }

    // Uniform in [0, n), n > 0, without modulo bias: outputs below 2^64 mod n are redrawn, so each
    // residue keeps the same number of accepted outputs.
    std::uint64_t below(std::uint64_t n) {
        assert(n > 0);
        const std::uint64_t reject_under = (0 - n) % n;  // == 2^64 mod n
        for (;;) {
            const std::uint64_t r = engine_();
            if (r >= reject_under) return r % n;
        }
    }

    // Uniform in [lo, hi], lo <= hi.
    long between(long lo, long hi) {
        assert(lo <= hi);
        return lo + static_cast<long>(below(static_cast<std::uint64_t>(hi - lo) + 1));
    }
    int between(int lo, int hi) { return static_cast<int>(between(static_cast<long>(lo), static_cast<long>(hi))); }

    std::size_t index(std::size_t size) { return static_cast<std::size_t>(below(size)); }

    // True with probability per_mille / 1000.
    bool chance(unsigned per_mille) { return below(1000) < per_mille; }

    // An index drawn with the given integer weights (not all zero).
    std::size_t weighted(std::span<const unsigned> weights) {
        std::uint64_t total = 0;
        for (unsigned w : weights) total += w;
        std::uint64_t r = below(total);
        for (std::size_t i = 0; i < weights.size(); ++i) {
            if (r < weights[i]) return i;
            r -= weights[i];
        }
        assert(false);
        return weights.size() - 1;
    }

    template <typename T>
    const T& pick(const std::vector<T>& items) {
        return items[index(items.size())];
    }

    // Fisher-Yates with our own bounded draw.
    template <typename T>
    void shuffle(std::vector<T>& items) {
        for (std::size_t i = items.size(); i > 1; --i) std::swap(items[i - 1], items[index(i)]);
    }

  private:
    std::mt19937_64 engine_;
};

// A fixed discrete distribution drawn by binary search over integer cumulative weights: the
// skewed ones (a few error codes and products are common, most are rare) with many outcomes.
class WeightedTable {
  public:
    WeightedTable() = default;
    explicit WeightedTable(const std::vector<std::uint64_t>& weights) {
        std::uint64_t sum = 0;
        for (std::uint64_t w : weights) cumulative_.push_back(sum += w);
    }

    // Weight of rank k is 1'000'000 / (k + 1): Zipf with exponent 1, in integers.
    static WeightedTable zipf(std::size_t n) {
        std::vector<std::uint64_t> weights;
        for (std::size_t k = 0; k < n; ++k) weights.push_back(1'000'000 / (k + 1));
        return WeightedTable(weights);
    }

    std::size_t size() const { return cumulative_.size(); }

    std::size_t draw(Prng& prng) const {
        assert(!cumulative_.empty() && cumulative_.back() > 0);
        const std::uint64_t r = prng.below(cumulative_.back());
        std::size_t lo = 0, hi = cumulative_.size() - 1;  // first k with r < cumulative_[k]
        while (lo < hi) {
            const std::size_t mid = lo + (hi - lo) / 2;
            if (r < cumulative_[mid])
                hi = mid;
            else
                lo = mid + 1;
        }
        return lo;
    }

  private:
    std::vector<std::uint64_t> cumulative_;
};

}  // namespace kb::bench
