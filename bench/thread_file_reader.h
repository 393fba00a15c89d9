// ThreadFileReader: streams the generator's JSON Lines (one file, or every *.jsonl in a folder in
// name order) as the plain text the peers index: id, title, and the question and answer bodies.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace kb::bench {

struct PlainThread {
    std::string id;
    std::string title;
    std::string question;
    std::vector<std::string> answers;
};

// Calls `each` once per record, in file order; returns the number of records.
// Throws kb::Error on an unreadable file or a line that is not a thread record.
std::size_t for_each_thread(const std::filesystem::path& input, const std::function<void(const PlainThread&)>& each);

// Bytes on disk of a file, or of every file under a folder.
std::uintmax_t size_on_disk(const std::filesystem::path& path);

}  // namespace kb::bench
