// ThreadParser: the interface every input format implements, and the registry that picks one.
// A parser turns one file into threads; a record it cannot read becomes a ParseError, not a stop.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "indexer/schema/thread.h"
#include "indexer/text/errors.h"

namespace kb {

struct ParseOutcome {
    std::vector<Thread> threads;
    std::vector<ParseError> errors;  // records (or the whole file) skipped, with file and line
};

class ThreadParser {
  public:
    virtual ~ThreadParser() = default;
    virtual std::string_view format_name() const = 0;

    // Reads the file (at most max_file_bytes()) and parses it. Never throws ParseError: a file
    // that cannot be read or parsed at all is the outcome's one error, bad records land in
    // ParseOutcome::errors beside the threads that did parse. May throw std::bad_alloc.
    ParseOutcome parse_file(const std::filesystem::path& file) const;

  protected:
    // The largest file this format reads; larger ones are reported unread.
    virtual std::uintmax_t max_file_bytes() const;
    // The threads of one file's text. Throws ParseError when the whole file is unusable.
    virtual ParseOutcome parse_text(std::string_view text, const std::filesystem::path& file) const = 0;
};

enum class InputFormat { Auto, SeedPage, SemEvalXml, ScnJson, JsonLines };

// "auto", "seed", "semeval", "scn", "jsonl"; nullopt for anything else.
std::optional<InputFormat> input_format_from_name(std::string_view name);
std::string_view input_format_name(InputFormat format);

// Decides a file's format from its extension and first bytes.
InputFormat detect_input_format(const std::filesystem::path& file);

std::unique_ptr<ThreadParser> make_thread_parser(InputFormat format);

// Files larger than this are rejected unread: no forum page is this big, and it bounds memory.
inline constexpr std::uintmax_t kMaxInputFileBytes = 64ull * 1024 * 1024;
inline constexpr std::uintmax_t kMaxSeedPageBytes = 4ull * 1024 * 1024;

// Reads a whole file, throwing ParseError (line 0) if it cannot be read or is larger than max_bytes.
std::string read_input_file(const std::filesystem::path& file, std::uintmax_t max_bytes);

}  // namespace kb
