#include "bench/output_check.h"

#include <algorithm>
#include <array>
#include <fstream>
#include <ostream>
#include <sstream>
#include <vector>

#include <nlohmann/json.hpp>

#include "bench/product_catalogue.h"
#include "indexer/text/errors.h"

namespace kb::bench {

namespace fs = std::filesystem;

void allow_generator_vocabulary(NameGuard& guard) {
    for (const auto& list : {general_products(), sap_products()})
        for (const Product& p : list) {
            guard.allow_vocabulary(p.area);
            guard.allow_vocabulary(p.name);
        }
    static constexpr std::array<std::string_view, 8> kFixed{
        // Role names and labels (JSON Lines "role"/"role_label", seed-page author lines).
        "user staff moderator staff_moderator ai",
        "Microsoft Employee Volunteer Moderator Microsoft External Staff Moderator AI answer",
        // Seed-page furniture.
        "Share via Reputation points comments No comments answer answers Sort by: Most helpful",
        "Accepted answer Was this answer helpful? person people found this answer helpful. Your answer",
        // Query syntax and the query file's kinds.
        "product one_word three_words pasted_question phrase error_code product_filter typo partial",
        // A reply's greeting.
        "Hi",
        // Code phrasing outside the pool's sentences, and the thread ids ("gen-000000042").
        "error code", "gen"};
    for (std::string_view s : kFixed) guard.allow_vocabulary(s);
}

void OutputCheck::require_clean(std::string_view text, std::string_view where) const {
    if (text.find('@') != std::string_view::npos)
        throw Error("kbsearch_generate: refusing to write an '@' (" + std::string(where) + ")");
    const std::string word = guard_.first_name_word(text, /*strict=*/false);
    if (!word.empty())
        throw Error("kbsearch_generate: refusing to write '" + word + "', a word of a source display name (" +
                    std::string(where) + ")");
}

void OutputCheck::scan_text(std::string_view text) {
    ++strings_;
    at_signs_ += static_cast<std::size_t>(std::count(text.begin(), text.end(), '@'));
    guard_.collect_name_words(text, name_hits_, &vocabulary_hits_);
}

void OutputCheck::scan_file(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw Error("PII check: cannot read " + file.string());
    ++files_;
    if (file.extension() != ".jsonl") {
        std::ostringstream all;
        all << in.rdbuf();
        bytes_ += all.str().size();
        scan_text(all.str());
        return;
    }
    std::string line;
    std::size_t number = 0;
    std::vector<const nlohmann::json*> todo;
    while (std::getline(in, line)) {
        ++number;
        bytes_ += line.size() + 1;
        if (line.empty()) continue;
        nlohmann::json record;
        try {
            record = nlohmann::json::parse(line);
        } catch (const nlohmann::json::exception& e) {
            throw Error("PII check: " + file.string() + ":" + std::to_string(number) + ": not JSON: " + e.what());
        }
        // Every string value, at any depth (keys are ours).
        todo.assign(1, &record);
        while (!todo.empty()) {
            const nlohmann::json* j = todo.back();
            todo.pop_back();
            if (j->is_string())
                scan_text(j->get_ref<const std::string&>());
            else if (j->is_structured())
                for (const auto& item : *j) todo.push_back(&item);
        }
    }
}

void OutputCheck::scan(const fs::path& path) {
    if (fs::is_directory(path)) {
        std::vector<fs::path> files;
        for (const auto& entry : fs::recursive_directory_iterator(path))
            if (entry.is_regular_file()) files.push_back(entry.path());
        std::sort(files.begin(), files.end());
        for (const fs::path& f : files) scan_file(f);
    } else {
        scan_file(path);
    }
}

void OutputCheck::report(std::ostream& out) const {
    out << "PII check: " << files_ << " files, " << bytes_ << " bytes, " << strings_ << " strings; " << guard_.size()
        << " source name words; '@' found " << at_signs_ << " times; name words found: " << name_hits_.size();
    std::size_t shown = 0;
    for (const auto& [word, n] : name_hits_) {
        if (shown++ == 20) break;
        out << (shown == 1 ? " (" : ", ") << word << " x" << n;
    }
    if (!name_hits_.empty()) out << ")";
    out << "\nPII check: name words that are also the generator's own vocabulary (products, roles, page "
           "furniture), allowed:";
    if (vocabulary_hits_.empty()) out << " none";
    for (const auto& [word, n] : vocabulary_hits_) out << " " << word << " x" << n;
    out << "\nPII check: " << (clean() ? "PASS" : "FAIL") << "\n";
}

}  // namespace kb::bench
