package io.arus.core.platform.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipException;
import org.osgi.framework.Constants;

/** Why a file in the drop-in folder is not an installable bundle, read from the file itself. */
final class DropinFile {
    private DropinFile() {
    }

    /**
     * @param file a file of the drop-in folder that no installed bundle came from
     * @return the reason it cannot be installed, or {@code null} when it looks like a valid bundle (the watcher
     *         installs a new file once it has been stable for one poll, so it may simply not be installed yet)
     */
    static String problem(Path file) {
        try (JarFile jar = new JarFile(file.toFile())) {
            Manifest manifest = jar.getManifest();
            if (manifest == null) {
                return "not an OSGi bundle: the JAR has no META-INF/MANIFEST.MF";
            }
            Attributes main = manifest.getMainAttributes();
            if (main.getValue(Constants.BUNDLE_SYMBOLICNAME) == null) {
                return "not an OSGi bundle: the manifest has no Bundle-SymbolicName";
            }
            if (!"2".equals(main.getValue(Constants.BUNDLE_MANIFESTVERSION))) {
                return "not an OSGi R4+ bundle: Bundle-ManifestVersion is not 2";
            }
            return null;
        } catch (ZipException e) {
            return "not a JAR file: " + e.getMessage();
        } catch (IOException | SecurityException e) {
            return "cannot read the file: " + e.getMessage();
        }
    }
}
