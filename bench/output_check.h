// OutputCheck: the PII check of generated files. Every string is scanned for '@' and for any word
// of any source display name (NameGuard); words of the generator's fixed vocabulary (product
// names, code phrasing, page furniture) are counted apart and listed, never silently passed.
#pragma once

#include <cstddef>
#include <filesystem>
#include <iosfwd>
#include <map>
#include <string>
#include <string_view>

#include "bench/name_guard.h"

namespace kb::bench {

class OutputCheck {
  public:
    explicit OutputCheck(const NameGuard& guard) : guard_(guard) {}

    // One string the generator is about to write; `where` names it in a failure.
    // Throws kb::Error at the first '@' or name word.
    void require_clean(std::string_view text, std::string_view where) const;

    // Scans a written file or folder (*.jsonl: every string value of every record; anything else:
    // the whole text) and adds what it finds to the totals.
    void scan(const std::filesystem::path& path);

    bool clean() const { return name_hits_.empty() && at_signs_ == 0; }
    // The totals, and "PII check: PASS" or "PII check: FAIL".
    void report(std::ostream& out) const;

  private:
    void scan_text(std::string_view text);
    void scan_file(const std::filesystem::path& file);

    const NameGuard& guard_;
    std::size_t files_ = 0, bytes_ = 0, strings_ = 0, at_signs_ = 0;
    std::map<std::string, std::size_t> name_hits_, vocabulary_hits_;
};

// The fixed strings the generator writes besides pool text (products, role labels, page
// furniture, query syntax), for NameGuard::allow_vocabulary.
void allow_generator_vocabulary(NameGuard& guard);

}  // namespace kb::bench
