#include "Script.h"

#include <cctype>
#include <sstream>
#include <stdexcept>

namespace tn4j::lammps {

namespace {
const char* const kCommand = "tensornet4j";

std::string trimRight(const std::string& text) {
    size_t end = text.find_last_not_of(" \t\r");
    return end == std::string::npos ? "" : text.substr(0, end + 1);
}

std::vector<std::string> physicalLines(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

std::string join(const std::vector<std::string>& lines, size_t from, size_t to) {
    std::string text;
    for (size_t k = from; k < to; k++) text += lines[k] + "\n";
    return text;
}
}  // namespace

std::string withoutComment(const std::string& line) {
    for (size_t i = 0; i < line.size(); i++) {
        if (line.compare(i, 3, "\"\"\"") == 0) {
            size_t end = line.find("\"\"\"", i + 3);
            if (end == std::string::npos) break;
            i = end + 2;
        } else if (line[i] == '"' || line[i] == '\'') {
            size_t end = line.find(line[i], i + 1);
            if (end == std::string::npos) break;
            i = end;
        } else if (line[i] == '#') {
            return line.substr(0, i);
        }
    }
    return line;
}

std::vector<std::string> commandWords(const std::string& line) {
    std::vector<std::string> words;
    size_t i = 0;
    const size_t n = line.size();
    while (i < n) {
        while (i < n && std::isspace(static_cast<unsigned char>(line[i]))) i++;
        if (i >= n || line[i] == '#') break;
        std::string word;
        if (line.compare(i, 3, "\"\"\"") == 0) {
            size_t end = line.find("\"\"\"", i + 3);
            word = line.substr(i + 3, end == std::string::npos ? std::string::npos : end - i - 3);
            i = end == std::string::npos ? n : end + 3;
        } else if (line[i] == '"' || line[i] == '\'') {
            char quote = line[i];
            size_t end = line.find(quote, i + 1);
            word = line.substr(i + 1, end == std::string::npos ? std::string::npos : end - i - 1);
            i = end == std::string::npos ? n : end + 1;
        } else {
            while (i < n && !std::isspace(static_cast<unsigned char>(line[i])) && line[i] != '#') word += line[i++];
        }
        words.push_back(word);
    }
    return words;
}

namespace {
/** Calls visit(logical line, first physical line index, index after its last) for each command of
 * the script, continuation lines ending in '&' joined (LAMMPS's rule). */
template <typename Visit>
void forEachCommand(const std::vector<std::string>& lines, Visit visit) {
    for (size_t k = 0; k < lines.size();) {
        size_t start = k;
        std::string logical;
        for (;;) {
            std::string line = trimRight(lines[k++]);
            bool continues = !line.empty() && line.back() == '&' && k < lines.size();
            logical += continues ? line.substr(0, line.size() - 1) + " " : line;
            if (!continues) break;
        }
        visit(logical, start, k);
    }
}
}  // namespace

ScriptParts splitScript(const std::string& text) {
    std::vector<std::string> lines = physicalLines(text);
    ScriptParts parts;
    size_t first = 0, last = 0;
    int found = 0;
    forEachCommand(lines, [&](const std::string& logical, size_t start, size_t end) {
        std::vector<std::string> words = commandWords(logical);
        if (words.empty() || words[0] != kCommand) return;
        if (++found > 1) {
            throw std::invalid_argument("the input script has a second tensornet4j command (line " +
                                        std::to_string(start + 1) + ", the first is on line " +
                                        std::to_string(parts.line) + "); one model couples the whole box: keep one");
        }
        std::string command = withoutComment(logical);
        parts.arguments = command.substr(command.find(kCommand) + std::string(kCommand).size());
        parts.line = static_cast<int>(start + 1);
        first = start;
        last = end;
    });
    if (found == 0) {
        throw std::invalid_argument("the input script has no tensornet4j command; after 'fix ID all external "
                                    "pf/callback 1 1' add 'tensornet4j ID model PATH.ckpt elements E1 E2 ...' "
                                    "(one element per atom type)");
    }
    parts.before = join(lines, 0, first);
    parts.after = join(lines, last, lines.size());
    return parts;
}

std::string externalFixGroup(const std::string& text, const std::string& fixId) {
    std::string group;
    forEachCommand(physicalLines(text), [&](const std::string& logical, size_t, size_t) {
        std::vector<std::string> words = commandWords(logical);
        if (words.size() >= 4 && words[0] == "fix" && words[1] == fixId && words[3] == "external") group = words[2];
    });
    return group;
}

}  // namespace tn4j::lammps
