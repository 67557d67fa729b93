// Dockerfile checks. The file is parsed once into instructions
// (dockerfile_parser.cpp), then read as a list of build stages: each FROM
// starts a stage that may build on an earlier one (`FROM builder AS final`),
// which decides two rules. runs-as-root follows the final stage's chain of
// parents for the last USER; package-cache-kept only looks at stages in that
// chain, because builder stages that are not copied whole do not ship their
// layers. The other rules look at one instruction at a time.
#include <algorithm>
#include <map>
#include <optional>
#include <regex>

#include "stages/scan/misconfig/area_checks.hpp"
#include "stages/scan/misconfig/dockerfile_parser.hpp"
#include "stages/scan/misconfig/package_installs.hpp"
#include "stages/scan/misconfig/pinning.hpp"
#include "stages/scan/misconfig/sensitive_names.hpp"
#include "util/strings.hpp"

namespace slipway::scan::misconfig {
namespace {

struct UserSetting {
  std::string user;
  int line = 0;
};

struct Stage {
  const DockerInstruction* from = nullptr;
  std::string image;  // after ARG substitution
  std::string name;   // AS name, lower case
  int parent = -1;    // index of the stage it builds on, -1 for an image
  std::optional<UserSetting> last_user;
  bool pip_no_cache_env = false;
  std::vector<const DockerInstruction*> instructions;
};

// Replaces $NAME, ${NAME} and ${NAME:-default} with the global ARG defaults;
// unknown names stay, so the image counts as unresolved.
std::string substitute_args(const std::string& text, const std::map<std::string, std::string>& args) {
  static const std::regex k_variable(
      R"(\$\{([A-Za-z_][A-Za-z0-9_]*)(:-([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*))");
  if (text.size() > 1024 || text.find('$') == std::string::npos) return text;
  std::string out;
  auto last = text.cbegin();
  for (std::sregex_iterator it(text.begin(), text.end(), k_variable), end; it != end; ++it) {
    const std::smatch& match = *it;
    out.append(last, match[0].first);
    const std::string name = match[1].matched ? match[1].str() : match[4].str();
    if (const auto found = args.find(name); found != args.end() && !found->second.empty()) {
      out += found->second;
    } else if (match[2].matched) {
      out += match[3].str();
    } else {
      out += match[0].str();
    }
    last = match[0].second;
  }
  out.append(last, text.cend());
  return out;
}

std::vector<Stage> read_stages(const std::vector<DockerInstruction>& instructions) {
  std::vector<Stage> stages;
  std::map<std::string, std::string> global_args;
  for (const DockerInstruction& instruction : instructions) {
    if (instruction.keyword == "FROM") {
      const InstructionWords words = instruction_words(instruction.arguments);
      Stage stage;
      stage.from = &instruction;
      if (!words.words.empty()) stage.image = substitute_args(words.words[0].text, global_args);
      if (words.words.size() >= 3 && util::to_lower(words.words[1].text) == "as") {
        stage.name = util::to_lower(words.words[2].text);
      }
      const std::string reference = util::to_lower(stage.image);
      for (std::size_t i = 0; i < stages.size(); ++i) {
        if (!stages[i].name.empty() && stages[i].name == reference) stage.parent = static_cast<int>(i);
      }
      stages.push_back(std::move(stage));
      continue;
    }
    if (stages.empty()) {
      if (instruction.keyword == "ARG") {
        for (const ShellWord& word : instruction_words(instruction.arguments).words) {
          const auto equals = word.text.find('=');
          global_args[word.text.substr(0, equals)] =
              equals == std::string::npos ? std::string() : word.text.substr(equals + 1);
        }
      }
      continue;
    }
    Stage& stage = stages.back();
    stage.instructions.push_back(&instruction);
    if (instruction.keyword == "USER") {
      const InstructionWords words = instruction_words(instruction.arguments);
      if (!words.words.empty()) stage.last_user = UserSetting{words.words[0].text, instruction.line};
    } else if (instruction.keyword == "ENV" &&
               instruction.arguments.find("PIP_NO_CACHE_DIR") != std::string::npos) {
      stage.pip_no_cache_env = true;
    }
  }
  // ENV PIP_NO_CACHE_DIR is inherited by stages built on this one.
  for (Stage& stage : stages) {
    if (stage.parent >= 0 && stages[static_cast<std::size_t>(stage.parent)].pip_no_cache_env) {
      stage.pip_no_cache_env = true;
    }
  }
  return stages;
}

int word_line(const DockerInstruction& instruction, const ShellWord& word) {
  return instruction.line_at(word.offset);
}

void check_base_images(const std::vector<Stage>& stages, FindingSink& sink) {
  for (const Stage& stage : stages) {
    if (stage.parent >= 0 || stage.image.empty() || util::to_lower(stage.image) == "scratch") continue;
    const ImageReference image = parse_image_reference(stage.image);
    if (!is_unpinned(image.pin)) continue;
    sink.add(Rule::dockerfile_unpinned_base_image, stage.from->line,
             "base image '" + snippet(stage.image) + "' " + describe_unpinned(image) +
                 "; pin a version tag or a digest");
  }
}

bool is_root_user(const std::string& user_spec) {
  if (user_spec.find('$') != std::string::npos) return false;  // decided at build time
  const std::string user = user_spec.substr(0, user_spec.find(':'));
  return user == "root" || user == "0";
}

void check_final_user(const std::vector<Stage>& stages, FindingSink& sink) {
  if (stages.empty()) return;
  const Stage& final_stage = stages.back();
  int index = static_cast<int>(stages.size()) - 1;
  while (index >= 0) {
    const Stage& stage = stages[static_cast<std::size_t>(index)];
    if (stage.last_user) {
      if (!is_root_user(stage.last_user->user)) return;
      const int line =
          index == static_cast<int>(stages.size()) - 1 ? stage.last_user->line : final_stage.from->line;
      sink.add(Rule::dockerfile_runs_as_root, line,
               "the final stage runs as '" + snippet(stage.last_user->user) +
                   "'; switch to a non-root USER at the end");
      return;
    }
    if (stage.parent < 0) {
      // Images built to run unprivileged say so in their tag (distroless :nonroot).
      if (util::to_lower(stage.image).find("nonroot") != std::string::npos) return;
      break;
    }
    index = stage.parent;
  }
  sink.add(Rule::dockerfile_runs_as_root, final_stage.from->line,
           "the final stage sets no USER, so the container runs as root; add a non-root USER");
}

bool is_local_plain_source(const std::string& source) {
  if (source.find("://") != std::string::npos || util::starts_with(source, "git@")) return false;
  if (source.find('$') != std::string::npos || util::starts_with(source, "<<")) return false;
  const std::string name = util::to_lower(source);
  for (const std::string_view archive :
       {".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz", ".tbz2", ".tar.xz", ".txz", ".tar.zst", ".tzst"}) {
    if (util::ends_with(name, archive)) return false;
  }
  return true;
}

void check_add(const DockerInstruction& instruction, FindingSink& sink) {
  const InstructionWords words = instruction_words(instruction.arguments);
  if (words.words.size() < 2) return;
  const bool all_local = std::all_of(words.words.begin(), words.words.end() - 1,
                                     [](const ShellWord& word) { return is_local_plain_source(word.text); });
  if (all_local) {
    sink.add(Rule::dockerfile_add_instead_of_copy, instruction.line,
             "ADD copies local files here; use COPY, which does not fetch URLs or unpack archives");
  }
}

void check_secret_names(const DockerInstruction& instruction, FindingSink& sink) {
  const InstructionWords words = instruction_words(instruction.arguments);
  if (words.words.empty()) return;
  std::vector<const ShellWord*> keys;
  const bool legacy_env = instruction.keyword == "ENV" && words.words[0].text.find('=') == std::string::npos;
  if (legacy_env) {
    keys.push_back(&words.words[0]);  // ENV KEY value with spaces
  } else {
    for (const ShellWord& word : words.words) keys.push_back(&word);
  }
  for (const ShellWord* word : keys) {
    const std::string name = word->text.substr(0, word->text.find('='));
    if (!is_secret_name(name)) continue;
    const std::string where =
        instruction.keyword == "ENV" ? "the image configuration" : "the image build history";
    sink.add(Rule::dockerfile_secret_in_env, word_line(instruction, *word),
             instruction.keyword + " " + snippet(name) + " stores a secret in " + where +
                 "; use a BuildKit secret mount instead");
  }
}

bool is_shell_or_interpreter(std::string_view program) {
  static const std::regex k_shells(
      R"((ba|z|da|a|k|mk|fi)?sh|python[0-9.]*|perl|ruby|node|php|eval|source|\.)");
  return program.size() <= 32 && std::regex_match(program.begin(), program.end(), k_shells);
}

bool is_download(std::string_view program) {
  return program == "curl" || program == "wget";
}

bool downloads_in_substitution(std::string_view word) {
  for (const std::string_view opener : {"$(", "<(", "`"}) {
    for (const std::string_view tool : {"curl", "wget"}) {
      std::string pattern(opener);
      pattern += tool;
      if (word.find(pattern) != std::string_view::npos) return true;
    }
  }
  return false;
}

struct RunContext {
  const DockerInstruction& instruction;
  std::size_t command_offset;  // where the shell command starts in arguments
  bool exec_form;              // words of a JSON array do not map to lines: all get the RUN line
  [[nodiscard]] int line_of(const ShellWord& word) const {
    return exec_form ? instruction.line : instruction.line_at(command_offset + word.offset);
  }
};

void check_pipes_and_sudo(const std::vector<ShellCommand>& commands, const RunContext& run,
                          FindingSink& sink) {
  for (std::size_t i = 0; i < commands.size(); ++i) {
    const Invocation invocation = invocation_of(commands[i]);
    if (invocation.sudo != nullptr) {
      sink.add(Rule::dockerfile_sudo, run.line_of(*invocation.sudo),
               "RUN uses sudo; build steps already run as root before USER, so drop it");
    }
    if (invocation.words.empty()) continue;
    if (is_download(invocation.program()) && commands[i].next == ShellOperator::pipe) {
      for (std::size_t j = i + 1; j < commands.size(); ++j) {
        const Invocation target = invocation_of(commands[j]);
        if (!target.words.empty() && is_shell_or_interpreter(target.program())) {
          sink.add(Rule::dockerfile_curl_pipe_shell, run.line_of(*invocation.words.front()),
                   std::string(invocation.program()) + " output is piped into " +
                       std::string(target.program()) + "; download, verify a checksum, then run it");
          break;
        }
        if (commands[j].next != ShellOperator::pipe) break;
      }
    } else if (is_shell_or_interpreter(invocation.program())) {
      for (std::size_t k = 1; k < invocation.words.size(); ++k) {
        if (downloads_in_substitution(invocation.words[k]->text)) {
          sink.add(
              Rule::dockerfile_curl_pipe_shell, run.line_of(*invocation.words.front()),
              std::string(invocation.program()) +
                  " runs a script downloaded in the same command; download, verify a checksum, then run it");
          break;
        }
      }
    }
  }
}

std::string list_packages(const std::vector<std::string>& packages) {
  std::vector<std::string> shown;
  for (std::size_t i = 0; i < packages.size() && i < 4; ++i) shown.push_back(snippet(packages[i], 40));
  std::string text = util::join(shown, ", ");
  if (packages.size() > shown.size()) text += ", …";
  return text;
}

void check_run(const DockerInstruction& instruction, bool ships, bool pip_no_cache_env, FindingSink& sink) {
  const InstructionWords parts = instruction_words(instruction.arguments);
  std::size_t command_offset = 0;
  std::string command_text;
  if (parts.exec_form) {
    // ["sh", "-c", "..."]: the words read as one command line are close enough for these checks.
    std::vector<std::string> texts;
    for (const ShellWord& word : parts.words) texts.push_back(word.text);
    command_text = util::join(texts, " ");
    command_offset = parts.words.empty() ? 0 : parts.words.front().offset;
  } else {
    command_offset = parts.words.empty() ? instruction.arguments.size() : parts.words.front().offset;
    command_text = instruction.arguments.substr(command_offset);
  }
  const std::vector<ShellCommand> commands = split_shell(command_text);
  const RunContext run{instruction, command_offset, parts.exec_form};
  check_pipes_and_sudo(commands, run, sink);

  CacheCleanup cleanup = cache_cleanup_of(commands);
  cleanup.pip_no_cache_env = cleanup.pip_no_cache_env || pip_no_cache_env;
  for (const ShellWord& flag : parts.flags) {
    if (!util::starts_with(flag.text, "--mount=") || flag.text.find("type=cache") == std::string::npos)
      continue;
    for (const std::string& field : util::split(flag.text.substr(8), ',')) {
      for (const std::string_view key : {"target=", "dst=", "destination="}) {
        if (util::starts_with(field, key)) cleanup.cache_mounts.push_back(field.substr(key.size()));
      }
    }
  }
  for (const ShellCommand& command : commands) {
    const std::optional<PackageInstall> install = package_install_of(command);
    if (!install) continue;
    const int line = run.line_of(*install->word);
    if (!install->unpinned.empty()) {
      sink.add(
          Rule::dockerfile_unpinned_packages, line,
          install->program + " installs packages without a version: " + list_packages(install->unpinned));
    }
    if (ships && has_cache(install->manager) && leaves_cache(*install, cleanup)) {
      sink.add(Rule::dockerfile_package_cache_kept, line,
               install->program + " leaves " + std::string(cache_location(install->manager)) +
                   " in the image; clean it in the same RUN");
    }
  }
}

}  // namespace

void check_dockerfile(std::string_view text, FindingSink& sink) {
  const std::vector<DockerInstruction> instructions = parse_dockerfile(text);
  const std::vector<Stage> stages = read_stages(instructions);
  check_base_images(stages, sink);
  check_final_user(stages, sink);

  std::vector<bool> ships(stages.size(), false);
  for (int index = static_cast<int>(stages.size()) - 1; index >= 0;
       index = stages[static_cast<std::size_t>(index)].parent) {
    ships[static_cast<std::size_t>(index)] = true;
  }
  for (const DockerInstruction& instruction : instructions) {
    if (instruction.keyword == "ENV" || instruction.keyword == "ARG") check_secret_names(instruction, sink);
  }
  for (std::size_t s = 0; s < stages.size(); ++s) {
    for (const DockerInstruction* instruction : stages[s].instructions) {
      if (instruction->keyword == "ADD") check_add(*instruction, sink);
      if (instruction->keyword == "RUN") check_run(*instruction, ships[s], stages[s].pip_no_cache_env, sink);
    }
  }
}

}  // namespace slipway::scan::misconfig
