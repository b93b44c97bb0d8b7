package io.patchbay.app.ui.help;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HelpViewModelTest {
    @Test
    void theReadmeShippedWithTheBuildGivesOnePagePerSection() {
        List<String> titles = HelpPages.fromBuild().stream().map(HelpPage::title).toList();

        assertEquals("Overview", titles.get(0));
        assertTrue(titles.containsAll(List.of("Run it", "Test it", "Ship a kit")), titles.toString());
    }

    @Test
    void aHashLineInsideAFencedBlockIsNoHeading() {
        List<HelpPage> pages = HelpPages.split("""
                # Patchbay
                Intro.
                ## Run it
                ```sh
                ## not a heading, a shell comment
                ```
                ### Details
                More.
                ## Test it
                mvn verify
                """);

        assertEquals(List.of("Overview", "Run it", "Test it"), pages.stream().map(HelpPage::title).toList());
        assertTrue(pages.get(1).markdown().contains("### Details"), "subsections stay on their page");
    }

    @Test
    void thePageChosenIsShownAsHtmlAndTheShortcutsPageListsTheMenusKeys() {
        HelpViewModel model = new HelpViewModel(HelpPages.split("# P\nIntro\n## Ship a kit\nUse `kit build`.\n"),
                List.of(new Shortcut("View", "Matrix", "Ctrl+1"), new Shortcut("Workspace", "New kit...", "Ctrl+N")));

        assertTrue(model.htmlProperty().get().contains("<p>Intro</p>"), model.htmlProperty().get());
        model.show("Ship a kit");
        assertTrue(model.htmlProperty().get().contains("<code>kit build</code>"), model.htmlProperty().get());
        model.show(HelpViewModel.SHORTCUTS);
        String html = model.htmlProperty().get();
        assertTrue(html.contains("<tr><td>Ctrl+1</td><td>View</td><td>Matrix</td></tr>"), html);
        assertTrue(html.contains("<tr><td>Ctrl+N</td><td>Workspace</td><td>New kit</td></tr>"), html);
    }

    @Test
    void anUnknownPageChangesNothing() {
        HelpViewModel model = new HelpViewModel(HelpPages.split("Intro\n"), List.of());
        HelpPage before = model.selectedProperty().get();
        model.show("No such page");
        assertEquals(before, model.selectedProperty().get());
    }
}
