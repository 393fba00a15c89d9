// Boilerplate: removes forum page furniture ("Was this answer helpful?", the accept-answer
// plea, the AI disclaimer...) from indexed and displayed text, as whole lines and, inside a
// paragraph, as whole sentences ("Pass. Hope this helps! Was this answer helpful?" -> "Pass.").
// The patterns are one table of data.
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace kb {

struct BoilerplatePattern {
    enum class Kind {
        Line,          // the whole (trimmed) line equals the text; a text that is a sentence ("...helpful?")
                       // also goes as the last sentences of a line
        LinePrefix,    // the line, or a sentence of it, starts with the text: the rest of the line goes
        Phrase,        // the text is cut out wherever it stands in a line
        CountedLine,   // "<number> " + text: a line like "3 people found this answer helpful.", or its last sentence
        TrailingLine,  // a line equal to the text, dropped only when nothing follows it
        Courtesy,      // a short sentence opening with the text goes where it opens or closes a line
                       // ("Thank you for posting in Microsoft Q&A. Error 0x... means"); the rest stays
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
