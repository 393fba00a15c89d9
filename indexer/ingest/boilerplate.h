// Boilerplate: removes forum page furniture ("Was this answer helpful?", the accept-answer
// plea, the AI disclaimer...) from indexed and displayed text. The patterns are one table of data.
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace kb {

struct BoilerplatePattern {
    enum class Kind {
        Line,          // the whole (trimmed) line equals the text
        LinePrefix,    // the line starts with the text: the whole line goes
        Phrase,        // the text is cut out wherever it stands in a line
        CountedLine,   // "<number> " + text: a line like "3 people found this answer helpful."
        TrailingLine,  // a line equal to the text, dropped only when nothing follows it
        Courtesy,      // a line opening with the text loses that first sentence ("Thank you for
                       // posting in Microsoft Q&A. Error 0x... means"), the rest of the line stays
    };
    Kind kind;
    std::string_view text;
};

// Every pattern the cleaner knows, compared case-insensitively on cleaned text.
std::span<const BoilerplatePattern> boilerplate_patterns();

class Boilerplate {
  public:
    // Returns text without boilerplate lines and phrases, with runs of blank lines collapsed.
    std::string strip(std::string_view text) const;
};

}  // namespace kb
