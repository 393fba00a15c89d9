// GenerationCheck: whether a generation's databases are whole and of an index format this binary
// reads. A build runs it before it publishes; a reader once per generation per process, first.
#pragma once

#include <filesystem>
#include <iosfwd>
#include <string>

namespace kb {

class GenerationCheck {
  public:
    // Checks every database in `generation` (a generation folder, or a plain database folder):
    // runs Xapian's checker (xapian-check, in its own process: it can crash on damaged bytes
    // itself) on each table of each, and reads the format version. Reads every block of every
    // table: about 0.1 s for a 14 MB index from the page cache. When whole, remembers so in
    // the generation (see once()).
    // Throws IndexError naming the damaged file, or the format this binary cannot read.
    static void run(const std::filesystem::path& generation);

    // run() the first time this process meets `generation`, unless its tables are unchanged
    // since a check found them whole (run() leaves their sizes and times in the generation,
    // and a build runs it before it publishes); later calls give the same outcome without
    // reading the files again. A damaged generation is written to `log` once, naming
    // the file. Safe to call from several threads: a second caller waits for the first check.
    static void once(const std::filesystem::path& generation, std::ostream& log);

    // Whether `generation`'s tables are as a check last found them whole. A live update asks
    // before it writes, and if so calls remember_whole() after its commits: tables that only
    // our own transactions changed since a check are whole, and the next process to open the
    // generation need not read every block again (8-10 s per GB).
    static bool known_whole(const std::filesystem::path& generation);
    static void remember_whole(const std::filesystem::path& generation);

    // Throws IndexError when `generation` was written in a newer index format than this binary
    // reads (schema::kFormatVersionKey, in its main database or, sharded, its spelling one: never
    // a remote shard); `where` names the index in the message. Throws Xapian::Error.
    static void check_format(const std::filesystem::path& generation, const std::string& where);
};

}  // namespace kb
