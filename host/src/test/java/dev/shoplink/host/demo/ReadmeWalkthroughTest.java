package dev.shoplink.host.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.shoplink.host.config.ConfigLoader;
import dev.shoplink.host.config.HostConfig;
import dev.shoplink.host.testing.TestHost;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "A walkthrough with curl" runs as written: its {@code ```bash} blocks, in order and in one shell
 * (as a reader pastes them into one terminal), against a fresh demo host with a generated admin token file.
 */
class ReadmeWalkthroughTest {
    private static final Pattern BASH_BLOCK = Pattern.compile("(?m)^```bash\\n(.*?)^```$", Pattern.DOTALL);

    @TempDir
    Path dir;

    /** The {@code ```bash} blocks of the README section that starts with {@code heading}, up to the next "## ". */
    static List<String> bashBlocks(String readme, String heading) {
        int start = readme.indexOf(heading);
        assertThat(start).as("README section " + heading).isNotNegative();
        int end = readme.indexOf("\n## ", start + heading.length());
        String section = readme.substring(start, end < 0 ? readme.length() : end);
        List<String> blocks = new ArrayList<>();
        Matcher m = BASH_BLOCK.matcher(section);
        while (m.find()) {
            blocks.add(m.group(1));
        }
        return blocks;
    }

    @Test
    void theCurlWalkthroughRunsAsWrittenAgainstAFreshDemo() throws Exception {
        assumeTrue(onPath("bash") && onPath("curl"), "bash or curl is not installed: the README walkthrough cannot run");
        Path readme = Path.of("..", "README.md");
        List<String> blocks = bashBlocks(Files.readString(readme, StandardCharsets.UTF_8), "## A walkthrough with curl");
        assertThat(blocks).hasSizeGreaterThanOrEqualTo(4);

        Map<String, String> env = TestHost.env(dir, "http://unused.invalid");
        env.remove("SHOPLINK_SHIPSTATION_BASE_URL");
        env.remove("SHOPLINK_ADMIN_TOKEN"); // the walkthrough reads the generated token file, like a reader
        TestHost.installBundledPlugins(Path.of(env.get("SHOPLINK_PLUGINS_DIR")));
        HostConfig config = new ConfigLoader(env, new Properties()).load();
        System.setProperty("shoplink.demo.classpath", System.getProperty("java.class.path"));
        try (DemoMode demo = DemoMode.start(config)) {
            Path script = dir.resolve("walkthrough.sh");
            Files.writeString(script, "set -euo pipefail\nset -x\n" + String.join("\n", blocks) + "\n", StandardCharsets.UTF_8);
            Path out = dir.resolve("walkthrough.out");
            ProcessBuilder bash = new ProcessBuilder("bash", script.toString())
                    .redirectErrorStream(true).redirectOutput(out.toFile());
            bash.environment().put("SHOPLINK_DATA", demo.host().config().dataDir().toString());
            bash.environment().put("SHOPLINK_PORT", String.valueOf(demo.host().port()));
            Process p = bash.start();
            boolean finished = p.waitFor(240, TimeUnit.SECONDS);
            if (!finished) {
                p.destroyForcibly();
            }
            String output = Files.readString(out, StandardCharsets.UTF_8);
            assertThat(finished).as("walkthrough finished in 240 s:\n" + output).isTrue();
            assertThat(p.exitValue()).as("walkthrough exit status; output:\n" + output).isZero();
            assertThat(output).contains("\"state\":\"SUCCEEDED\"").contains("\"status\":\"IN_PROGRESS\"")
                    .containsPattern("integration \\d+");
        } finally {
            System.clearProperty("shoplink.demo.classpath");
        }
    }

    private static boolean onPath(String command) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, command))) {
                return true;
            }
        }
        return false;
    }
}
