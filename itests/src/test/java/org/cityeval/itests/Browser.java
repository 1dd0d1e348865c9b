package org.cityeval.itests;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A real headless Chromium (Debian's, with its ChromeDriver; nothing downloaded). The flags keep it off
 * the network: this machine reaches no host but the package registries, and a browser test must not try.
 */
final class Browser {
    private Browser() {
    }

    static ChromeDriver start() throws Exception {
        return start(1400, 1000);
    }

    /**
     * @param width  the window's width: WebDriver clicks at viewport coordinates, so an emulated viewport (see
     *               {@link BrowserFixture#viewport}) must fit inside the window, which headless Chromium does not
     *               grow past its starting size
     */
    static ChromeDriver start(int width, int height) throws Exception {
        Path profile = Files.createTempDirectory("cityeval-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-extensions", "--window-size=" + width + "," + height, "--lang=zh-CN",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Waits.HANG_GUARD);
        return driver;
    }
}
