// StaticFiles: which file of the web folder a URL path names, if any. Only regular files of an
// allowed type whose real path (symlinks resolved) lies inside the folder are ever served.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace kb {

class StaticFiles {
  public:
    struct File {
        std::filesystem::path path;  // real path, inside the folder
        std::string_view content_type;
    };

    // Throws Error when `root` is not a folder.
    explicit StaticFiles(const std::filesystem::path& root);

    // The file for a decoded URL path ("/" and "/dir/" mean their index.html); nullopt for
    // anything else: missing, hidden (a segment starting with '.'), outside the folder through a
    // symlink, a NUL or backslash in the path, or a type not on the list.
    std::optional<File> resolve(std::string_view url_path) const;

    // The MIME type for a file name's extension; empty when the type is not served.
    static std::string_view content_type_of(const std::filesystem::path& file);

  private:
    std::filesystem::path root_;  // canonical
};

}  // namespace kb
