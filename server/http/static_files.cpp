#include "server/http/static_files.h"

#include <array>
#include <utility>

#include "indexer/text/errors.h"

namespace kb {

namespace fs = std::filesystem;

namespace {

// What the page is made of; anything else in the folder (a backup, a key, a script) stays unserved.
constexpr std::array<std::pair<std::string_view, std::string_view>, 11> kTypes{{
    {".html", "text/html; charset=utf-8"},
    {".js", "text/javascript; charset=utf-8"},
    {".mjs", "text/javascript; charset=utf-8"},
    {".css", "text/css; charset=utf-8"},
    {".json", "application/json; charset=utf-8"},
    {".webmanifest", "application/manifest+json"},
    {".svg", "image/svg+xml"},
    {".png", "image/png"},
    {".ico", "image/x-icon"},
    {".woff2", "font/woff2"},
    {".txt", "text/plain; charset=utf-8"},
}};

// Whether `path` is `root` or below it; both canonical.
bool is_within(const fs::path& path, const fs::path& root) {
    auto p = path.begin();
    for (auto r = root.begin(); r != root.end(); ++r, ++p)
        if (p == path.end() || *p != *r) return false;
    return true;
}

}  // namespace

StaticFiles::StaticFiles(const fs::path& root) {
    std::error_code ec;
    root_ = fs::canonical(root, ec);
    if (ec || !fs::is_directory(root_, ec)) throw Error("web folder not found: " + root.string());
}

std::string_view StaticFiles::content_type_of(const fs::path& file) {
    const std::string extension = file.extension().string();
    for (const auto& [known, type] : kTypes)
        if (extension == known) return type;
    return {};
}

std::optional<StaticFiles::File> StaticFiles::resolve(std::string_view url_path) const {
    if (url_path.empty() || url_path.front() != '/') return std::nullopt;
    if (url_path.find('\0') != std::string_view::npos || url_path.find('\\') != std::string_view::npos)
        return std::nullopt;
    fs::path relative;
    std::size_t start = 1;
    while (start <= url_path.size()) {
        const std::size_t slash = std::min(url_path.find('/', start), url_path.size());
        const std::string_view segment = url_path.substr(start, slash - start);
        if (!segment.empty()) {
            if (segment.front() == '.') return std::nullopt;  // ".", "..", .git, .env
            relative /= std::string(segment);
        }
        start = slash + 1;
    }
    if (url_path.back() == '/') relative /= "index.html";
    std::error_code ec;
    const fs::path real = fs::canonical(root_ / relative, ec);
    if (ec || !is_within(real, root_) || !fs::is_regular_file(real, ec)) return std::nullopt;
    const std::string_view type = content_type_of(real);
    if (type.empty()) return std::nullopt;
    return File{real, type};
}

}  // namespace kb
