// LineIndex: turns byte offsets into 1-based line numbers, so parsers that only know an offset
// (pugixml, our JSON array splitter) can still report the line a user should look at.
#pragma once

#include <algorithm>
#include <cstddef>
#include <string_view>
#include <vector>

namespace kb {

class LineIndex {
  public:
    explicit LineIndex(std::string_view text) {
        for (std::size_t i = 0; i < text.size(); ++i)
            if (text[i] == '\n') newlines_.push_back(i);
    }

    // Line of the byte at `offset`; offsets past the end give the last line.
    int line_at(std::ptrdiff_t offset) const {
        if (offset < 0) return 1;
        const auto before = std::lower_bound(newlines_.begin(), newlines_.end(), static_cast<std::size_t>(offset));
        return 1 + static_cast<int>(before - newlines_.begin());
    }

  private:
    std::vector<std::size_t> newlines_;  // offsets of every '\n', ascending
};

}  // namespace kb
