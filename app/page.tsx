export default function Home() {
  return <main className="p-8">年报通</main>;
}
