package org.duban.evidence;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/** duban.evidence.*: where evidence files are kept, and which files are taken. */
@ConfigurationProperties("duban.evidence")
public record EvidenceSettings(
    /* the files themselves, one directory per item (beside the H2 database by default) */
    @DefaultValue("./data/evidence") Path dir,
    /* the largest file taken; Spring's multipart limit is raised above it so that this check answers */
    @DefaultValue("20MB") DataSize maxSize,
    /* file name extensions taken (lower case, without the dot): documents, images, video */
    @DefaultValue({"pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "wps", "et", "txt", "ofd",
        "jpg", "jpeg", "png", "gif", "bmp", "webp", "heic",
        "mp4", "mov", "avi", "wmv", "mkv"}) List<String> allowedExtensions) {}
