// ErrorCodePool: about 300 support error codes in the shapes kbsearch recognises (AADSTS500121,
// 0x80070005, "Error Code: 500121", STATUS_ACCESS_VIOLATION, caa70004), drawn with Zipf weights
// so a few codes recur across many threads, and the ways a thread or a searcher writes each one.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "bench/prng.h"

namespace kb::bench {

enum class CodeShape { Aadsts, Hresult, Status, Caa, Number };

struct PoolCode {
    CodeShape shape;
    std::string canonical;  // "AADSTS500121", "0x80070005", "STATUS_ACCESS_VIOLATION", "caa70004", "40123"
};

class ErrorCodePool {
  public:
    // The pool depends on the seed only, never on how many threads are generated.
    explicit ErrorCodePool(std::uint64_t seed);

    std::size_t size() const { return codes_.size(); }
    const PoolCode& at(std::size_t i) const { return codes_[i]; }
    std::size_t draw(Prng& prng) const { return popularity_.draw(prng); }

    // A sentence for a question that mentions the code, in one of its written forms.
    std::string sentence(std::size_t code, Prng& prng) const;
    // The code as a title suffix (" error 0x80070005").
    std::string title_suffix(std::size_t code, Prng& prng) const;
    // The code as someone types it into a search box ("error 500121", "0x80070005", "80070005").
    std::string query_form(std::size_t code, Prng& prng) const;

    // Every fixed string the sentences, suffixes and query forms use, codes included, for
    // NameGuard::allow_vocabulary.
    std::vector<std::string> vocabulary() const;

  private:
    std::vector<PoolCode> codes_;
    WeightedTable popularity_;
};

}  // namespace kb::bench
