/** A ticket's tags as chips; nothing when it has none. */
export function TagList({ tags }: { tags: readonly string[] | undefined }) {
  if (!tags?.length) return null;
  return (
    <>
      {tags.map((tag) => (
        <span key={tag} className="chip tag" data-testid="tag">
          #{tag}
        </span>
      ))}
    </>
  );
}
