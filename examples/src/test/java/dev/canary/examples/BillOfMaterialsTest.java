package dev.canary.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The BOM has no parent, so its version and its list of modules are kept by hand: this test holds them to the
 * build. Every module of the reactor that is published (not {@code maven.deploy.skip}) is in the BOM, nothing else
 * is, and the BOM's version is the parent's.
 */
class BillOfMaterialsTest {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void listsEveryPublishedModuleAtTheParentsVersion() throws Exception {
        Document parent = read(ROOT.resolve("pom.xml"));
        Document bom = read(ROOT.resolve("canary-bom/pom.xml"));

        List<String> published = new ArrayList<>();
        for (String module : texts(parent.getDocumentElement(), "modules", "module")) {
            Document pom = read(ROOT.resolve(module).resolve("pom.xml"));
            boolean skipped = !texts(pom.getDocumentElement(), "properties", "maven.deploy.skip").isEmpty();
            String artifact = text(pom.getDocumentElement(), "artifactId");
            if (!skipped && !artifact.equals("canary-bom")) {
                published.add(artifact);
            }
        }
        Element management = child(bom.getDocumentElement(), "dependencyManagement");
        List<String> listed = texts(child(management, "dependencies"), "dependency", "artifactId");

        assertThat(published).contains("canary-core", "canary-testkit").doesNotContain("examples", "benchmarks");
        assertThat(listed).containsExactlyInAnyOrderElementsOf(published);
        assertThat(text(bom.getDocumentElement(), "version")).isEqualTo(text(parent.getDocumentElement(), "version"));
        assertThat(text(bom.getDocumentElement(), "groupId")).isEqualTo(text(parent.getDocumentElement(), "groupId"));
    }

    static Document read(Path pom) throws Exception {
        assertThat(pom).exists();
        try (var in = Files.newInputStream(pom)) {
            return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
        }
    }

    static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        throw new AssertionError("<" + parent.getTagName() + "> has no <" + name + ">");
    }

    static String text(Element parent, String name) {
        return child(parent, name).getTextContent().trim();
    }

    /** The texts of {@code leaf} in each element {@code item} under {@code parent}'s child {@code list}. */
    static List<String> texts(Element parent, String list, String item) {
        List<String> out = new ArrayList<>();
        NodeList lists = parent.getElementsByTagName(list);
        for (int i = 0; i < lists.getLength(); i++) {
            if (lists.item(i).getParentNode() != parent) {
                continue;
            }
            NodeList items = ((Element) lists.item(i)).getElementsByTagName(item);
            for (int j = 0; j < items.getLength(); j++) {
                out.add(items.item(j).getTextContent().trim());
            }
        }
        return out;
    }
}
