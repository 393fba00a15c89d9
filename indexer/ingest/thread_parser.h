// ThreadParser: the interface every input format implements, and the registry that picks one.
// A parser turns one file into threads; a record it cannot read becomes a ParseError, not a stop.
#pragma once

#include <filesystem>
#include <functional>
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
    std::vector<ParseError> errors;    // records (or the whole file) skipped, with file and line
    std::vector<ParseError> warnings;  // records kept with a field left out or read another way
};

// Where a streaming parse puts each thread and each record it skips, as it reads them.
struct ParseSinks {
    std::function<void(Thread&&)> thread;
    std::function<void(ParseError&&)> error;
    std::function<void(ParseError&&)> warning = {};  // may be empty: warnings are then dropped
};

class ThreadParser {
  public:
    virtual ~ThreadParser() = default;
    virtual std::string_view format_name() const = 0;

    // Reads the file and hands each thread to sinks.thread as soon as it is parsed, each record
    // it cannot read to sinks.error (file and line), and goes on. Never throws ParseError: a
    // file that cannot be read or parsed at all is one error. Formats that stream (JSON Lines)
    // hold one record in memory at a time, whatever the file's size; the others read the whole
    // file, up to max_file_bytes(). Exceptions thrown by a sink pass through.
    void parse_file(const std::filesystem::path& file, const ParseSinks& sinks) const;

    // The same, collected: for tests and small files.
    ParseOutcome parse_file(const std::filesystem::path& file) const;

  protected:
    // The largest file a whole-file format reads; larger ones are reported unread.
    virtual std::uintmax_t max_file_bytes() const;
    // The threads of one file's text. Throws ParseError when the whole file is unusable.
    virtual ParseOutcome parse_text(std::string_view text, const std::filesystem::path& file) const = 0;
    // Reads the file to the sinks. The default reads it whole (bounded by max_file_bytes()) and
    // calls parse_text(); a format whose records stand alone overrides it to stream them.
    // Throws ParseError when the whole file is unusable.
    virtual void parse_records(const std::filesystem::path& file, const ParseSinks& sinks) const;
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
