// CopyText: the text a moderator pastes from a canonical answer, computed once at index time.
// Byte for byte the stored answer where nothing has to go. Where the scrubber left a placeholder
// ("[email]", "[name]"...: PiiScrubber::placeholders()), each sentence holding one goes whole,
// since it only made sense with what was removed; a greeting to a removed name ("Hi [name],")
// and a sign-off whose name went ("Best regards," over "[name]") go too. Openers that speak to
// one asker's situation ("I'm sorry to hear you are locked out right before your exams") go,
// by the table of opener_patterns(). The result never holds a placeholder.
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace kb {

// How an opening sentence that speaks to one asker, not to the problem, begins.
struct OpenerPattern {
    std::string_view start;  // compared case-insensitively at the sentence's start
    // Only with a word of feeling in the sentence ("I understand how stressful this must be",
    // not "I understand the setting is greyed out"): feeling_words() lists them.
    bool needs_feeling;
};

// The opener table, and the word stems that make a needs_feeling opener one.
std::span<const OpenerPattern> opener_patterns();
std::span<const std::string_view> feeling_words();

class CopyText {
  public:
    // `answer`: a stored (normalised, scrubbed, boilerplate-free) answer text. Returns `answer`
    // itself when nothing goes; otherwise what is left, blank-line runs folded and trimmed (may
    // be empty when every sentence held removed data).
    std::string make(std::string_view answer) const;

    // Whether `text` holds any of the scrubber's placeholders.
    static bool has_placeholder(std::string_view text);
};

}  // namespace kb
