#include "bench/thread_file_reader.h"

#include <algorithm>
#include <fstream>

#include <nlohmann/json.hpp>

#include "indexer/text/errors.h"

namespace kb::bench {

namespace fs = std::filesystem;

namespace {

std::vector<fs::path> input_files(const fs::path& input) {
    if (!fs::is_directory(input)) {
        if (!fs::is_regular_file(input)) throw Error("no such input: " + input.string());
        return {input};
    }
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(input))
        if (entry.is_regular_file() && entry.path().extension() == ".jsonl") files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    if (files.empty()) throw Error("no *.jsonl file in " + input.string());
    return files;
}

std::string text_field(const nlohmann::json& j, const char* name) {
    const auto it = j.find(name);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

std::size_t for_each_thread(const fs::path& input, const std::function<void(const PlainThread&)>& each) {
    std::size_t count = 0;
    PlainThread t;
    for (const fs::path& file : input_files(input)) {
        std::ifstream in(file, std::ios::binary);
        if (!in) throw Error("cannot read " + file.string());
        std::string line;
        int number = 0;
        while (std::getline(in, line)) {
            ++number;
            if (line.empty()) continue;
            nlohmann::json j;
            try {
                j = nlohmann::json::parse(line);
            } catch (const nlohmann::json::exception& e) {
                throw ParseError(file.string(), number, std::string("not JSON: ") + e.what());
            }
            t.id = text_field(j, "id");
            if (t.id.empty()) throw ParseError(file.string(), number, "record without an \"id\"");
            t.title = text_field(j, "title");
            t.question = text_field(j, "question");
            t.answers.clear();
            if (const auto answers = j.find("answers"); answers != j.end() && answers->is_array())
                for (const auto& a : *answers) t.answers.push_back(text_field(a, "body"));
            each(t);
            ++count;
        }
    }
    return count;
}

std::uintmax_t size_on_disk(const fs::path& path) {
    if (!fs::is_directory(path)) return fs::file_size(path);
    std::uintmax_t total = 0;
    for (const auto& entry : fs::recursive_directory_iterator(path))
        if (entry.is_regular_file()) total += entry.file_size();
    return total;
}

}  // namespace kb::bench
