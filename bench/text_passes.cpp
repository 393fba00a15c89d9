// Seconds per MB of the text passes every thread goes through (normalise, PII scrub, boilerplate
// strip) on adversarial inputs and on forum text, beside a plain copy of the same bytes (the
// floor any pass pays). A pass that is not linear in its input shows as seconds per MB growing
// with the input size.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "bench/prng.h"
#include "indexer/ingest/boilerplate.h"
#include "indexer/text/normaliser.h"
#include "indexer/text/pii_scrubber.h"

namespace {

using Clock = std::chrono::steady_clock;

std::string letter_run(std::size_t bytes) { return std::string(bytes, 'a'); }

std::string base64_blob(std::size_t bytes, kb::bench::Prng& prng) {
    static const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out(bytes, 'A');
    for (char& c : out) c = alphabet[prng.below(64)];
    return out;
}

// One long line of JSON log records: ids, addresses, numbers, quotes, no newline anywhere.
std::string minified_log(std::size_t bytes, kb::bench::Prng& prng) {
    std::string out;
    while (out.size() < bytes) {
        out += R"({"ts":"2026-11-0)" + std::to_string(prng.below(9) + 1) + R"(T10:00:00Z","lvl":"warn","host":"10.)" +
               std::to_string(prng.below(250)) + "." + std::to_string(prng.below(250)) + R"(.7","user":"svc-)" +
               std::to_string(prng.below(100000)) + R"(@contoso.example","err":"0x8007)" +
               std::to_string(1000 + prng.below(9000)) + R"(","msg":"retry 3 of 5 in 250ms","trace":")" +
               std::to_string(prng.below(1u << 30)) + "-" + std::to_string(prng.below(1u << 30)) + R"("},)";
    }
    out.resize(bytes);
    return out;
}

// The seeds' own page text, repeated: what the passes see from real forums.
std::string forum_text(const std::filesystem::path& seeds, std::size_t bytes) {
    std::string pages;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(seeds, ec)) {
        std::ifstream in(entry.path(), std::ios::binary);
        pages.append(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    if (pages.empty()) return {};
    std::string out;
    while (out.size() < bytes) out += pages;
    out.resize(bytes);
    while (!out.empty() && (static_cast<unsigned char>(out.back()) & 0xC0) == 0x80) out.pop_back();
    if (!out.empty() && static_cast<unsigned char>(out.back()) >= 0xC0) out.pop_back();
    return out;
}

double seconds(const std::function<void()>& run) {
    const auto start = Clock::now();
    run();
    return std::chrono::duration<double>(Clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Seconds per MB of the normalise, PII and boilerplate passes"};
    std::vector<double> sizes_mb{0.25, 1.0};
    std::string seeds = "../shared/seeds";
    app.add_option("--mb", sizes_mb, "Input sizes in MB (each input at each size)")->capture_default_str();
    app.add_option("--seeds", seeds, "Folder of seed pages for the forum-text input")->capture_default_str();
    CLI11_PARSE(app, argc, argv);

    const kb::Normaliser normaliser;
    const kb::PiiScrubber scrubber({"Riya Menon", "Armendariz, Erica"});
    const kb::Boilerplate boilerplate;
    kb::bench::Prng prng(42);
    // Once untimed: RE2 builds its automata on first use, a cost paid once per process.
    (void)scrubber.scrub(normaliser.clean(forum_text(seeds, 64 * 1024) + base64_blob(4096, prng)));
    std::printf("%-14s %8s %12s %12s %12s %12s\n", "input", "MB", "copy s/MB", "clean s/MB", "scrub s/MB",
                "strip s/MB");
    for (const double mb : sizes_mb) {
        const auto bytes = static_cast<std::size_t>(mb * 1024 * 1024);
        const std::vector<std::pair<std::string, std::string>> inputs{
            {"letter-run", letter_run(bytes)},
            {"base64", base64_blob(bytes, prng)},
            {"minified-log", minified_log(bytes, prng)},
            {"forum-text", forum_text(seeds, bytes)},
        };
        for (const auto& [name, text] : inputs) {
            if (text.empty()) continue;
            const double size_mb = static_cast<double>(text.size()) / (1024 * 1024);
            std::string copy, cleaned, scrubbed, stripped;
            const double t_copy = seconds([&] { copy = std::string(text); });
            const double t_clean = seconds([&] { cleaned = normaliser.clean(text); });
            const double t_scrub = seconds([&] { scrubbed = scrubber.scrub(cleaned); });
            const double t_strip = seconds([&] { stripped = boilerplate.strip(scrubbed); });
            std::printf("%-14s %8.2f %12.5f %12.4f %12.4f %12.4f\n", name.c_str(), size_mb, t_copy / size_mb,
                        t_clean / size_mb, t_scrub / size_mb, t_strip / size_mb);
            std::fflush(stdout);
        }
    }
    return 0;
}
